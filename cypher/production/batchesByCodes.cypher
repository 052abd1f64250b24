// batchesByCodes: batch lookup for DataLoader.
// Params:  $codes: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
//          (no partner sees our batches)
// Returns: code, batch{.*}; missing codes are omitted
UNWIND $codes AS code
MATCH (b:Batch {code: code})
WHERE $scope IS NULL
RETURN code, b {.*} AS batch
