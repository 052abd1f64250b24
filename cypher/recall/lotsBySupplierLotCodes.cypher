// lotsBySupplierLotCodes: the lots received under each supplier lot code (a supplier calls about
// their lot, not ours), for DataLoader.
// Params:  $supplierLotCodes: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: supplierLotCode, lot{.*}; one row per lot
UNWIND $supplierLotCodes AS supplierLotCode
MATCH (l:Lot {supplierLotCode: supplierLotCode})
WHERE $scope IS NULL OR EXISTS { (:Supplier {id: $scope.supplierId})-[:SUPPLIED]->(l) }
RETURN supplierLotCode, l {.*} AS lot
ORDER BY l.receivedAt, l.code
