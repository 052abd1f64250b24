// recallsByIds: batch lookup for DataLoader, with each recall's starting and affected lot codes.
// Params:  $ids: [String]
// Returns: id, recall{.*}, startCodes: [String], changedCodes: [String]
UNWIND $ids AS id
MATCH (r:Recall {id: id})
CALL (r) {
  OPTIONAL MATCH (r)-[:STARTS_AT]->(s:Lot)
  RETURN collect(s.code) AS startCodes
}
CALL (r) {
  OPTIONAL MATCH (r)-[a:AFFECTS {changedStatus: true}]->(l:Lot)
  RETURN collect(l.code) AS changedCodes
}
RETURN id, r {.*} AS recall, startCodes, changedCodes
