// batchEnds: a batch's input and output lot codes, where a trace from the batch starts.
// Params:  $code: String
// Returns: one row when the batch exists: code, inputs: [String], outputs: [String]; none otherwise
MATCH (b:Batch {code: $code})
CALL (b) {
  OPTIONAL MATCH (i:Lot)-[:CONSUMED_IN]->(b)
  RETURN collect(DISTINCT i.code) AS inputs
}
CALL (b) {
  OPTIONAL MATCH (b)-[:PRODUCED]->(o:Lot)
  RETURN collect(DISTINCT o.code) AS outputs
}
RETURN b.code AS code, inputs, outputs
