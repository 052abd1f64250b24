// customersByIds: batch lookup for DataLoader.
// Params:  $ids: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: id, customer{.*}; missing ids are omitted
UNWIND $ids AS id
MATCH (c:Customer {id: id})
WHERE $scope IS NULL OR c.id = $scope.customerId
RETURN id, c {.*} AS customer
