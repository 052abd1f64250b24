// supplierByLotCodes: the supplier of each received lot, for DataLoader.
// Params:  $codes: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: code, supplier{.*}; produced lots (no supplier) are omitted
UNWIND $codes AS code
MATCH (s:Supplier)-[:SUPPLIED]->(:Lot {code: code})
WHERE $scope IS NULL OR s.id = $scope.supplierId
RETURN code, s {.*} AS supplier
