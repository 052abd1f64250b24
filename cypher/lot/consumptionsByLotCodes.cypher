// consumptionsByLotCodes: where each lot was consumed, oldest batch first, for DataLoader.
// Params:  $codes: [String]
// Returns: code, batchCode, amount, unit; one row per CONSUMED_IN edge
UNWIND $codes AS code
MATCH (:Lot {code: code})-[c:CONSUMED_IN]->(b:Batch)
RETURN code, b.code AS batchCode, c.quantity AS amount, c.unit AS unit
ORDER BY b.producedAt, b.code, c.line
