// batchForProduction: what a new batch must know before it is written.
// Params:  $batchCode: String, $outputCodes: [String]
// Returns: one row: existingHash (null when the code is free), codeTaken, takenOutputCodes
OPTIONAL MATCH (b:Batch {code: $batchCode})
CALL (b) {
  UNWIND $outputCodes AS code
  MATCH (l:Lot {code: code})
  RETURN collect(l.code) AS takenOutputCodes
}
RETURN b.inputHash AS existingHash, b IS NOT NULL AS codeTaken, takenOutputCodes
