// batchesByCodes: batch lookup for DataLoader.
// Params:  $codes: [String]
// Returns: code, batch{.*}; missing codes are omitted
UNWIND $codes AS code
MATCH (b:Batch {code: code})
RETURN code, b {.*} AS batch
