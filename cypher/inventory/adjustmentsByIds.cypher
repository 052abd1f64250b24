// adjustmentsByIds: batch lookup for DataLoader.
// Params:  $ids: [String]
// Returns: id, adjustment{.*, lotCode}; missing ids are omitted
UNWIND $ids AS id
MATCH (a:Adjustment {id: id})-[:ADJUSTS]->(l:Lot)
RETURN id, a {.*, lotCode: l.code} AS adjustment
