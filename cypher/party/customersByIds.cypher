// customersByIds: batch lookup for DataLoader.
// Params:  $ids: [String]
// Returns: id, customer{.*}; missing ids are omitted
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN id, c {.*} AS customer
