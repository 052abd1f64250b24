// recallsByIds: batch lookup for DataLoader, with each recall's starting and affected lot codes.
// Params:  $ids: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
//          (a customer sees the recalls that notify it)
// Returns: id, recall{.*}, startCodes: [String], changedCodes: [String]
UNWIND $ids AS id
MATCH (r:Recall {id: id})
WHERE $scope IS NULL OR EXISTS { (r)-[:NOTIFIES]->(:Customer {id: $scope.customerId}) }
CALL (r) {
  OPTIONAL MATCH (r)-[:STARTS_AT]->(s:Lot)
  RETURN collect(s.code) AS startCodes
}
CALL (r) {
  OPTIONAL MATCH (r)-[a:AFFECTS {changedStatus: true}]->(l:Lot)
  RETURN collect(l.code) AS changedCodes
}
RETURN id, r {.*} AS recall, startCodes, changedCodes
