// recallIds: the recalls, newest first, filtered by status and by mock or real where given.
// Params:  $status: String|null, $mock: Boolean|null
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: id
MATCH (r:Recall)
WHERE ($status IS NULL OR r.status = $status) AND ($mock IS NULL OR r.mock = $mock)
  AND ($scope IS NULL OR EXISTS { (r)-[:NOTIFIES]->(:Customer {id: $scope.customerId}) })
RETURN r.id AS id
ORDER BY r.initiatedAt DESC, r.id
