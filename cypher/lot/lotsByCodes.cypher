// lotsByCodes: batch lookup for DataLoader.
// Params:  $codes: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
//          (a customer sees the lots shipped to it, a supplier the lots it supplied)
// Returns: code, lot{.*}; one row per code found; missing codes are omitted
UNWIND $codes AS code
MATCH (l:Lot {code: code})
WHERE $scope IS NULL
   OR EXISTS { (l)-[:SHIPPED_TO]->(:Customer {id: $scope.customerId}) }
   OR EXISTS { (:Supplier {id: $scope.supplierId})-[:SUPPLIED]->(l) }
RETURN code, l {.*} AS lot
