// suppliersByIds: batch lookup for DataLoader.
// Params:  $ids: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: id, supplier{.*}; missing ids are omitted
UNWIND $ids AS id
MATCH (s:Supplier {id: id})
WHERE $scope IS NULL OR s.id = $scope.supplierId
RETURN id, s {.*} AS supplier
