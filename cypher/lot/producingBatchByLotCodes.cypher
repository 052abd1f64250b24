// producingBatchByLotCodes: the batch that produced each lot, for DataLoader.
// Params:  $codes: [String]
// Returns: code, batch{.*}; received lots (no producing batch) are omitted
UNWIND $codes AS code
MATCH (b:Batch)-[:PRODUCED]->(:Lot {code: code})
RETURN code, b {.*} AS batch
