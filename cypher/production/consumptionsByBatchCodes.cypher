// consumptionsByBatchCodes: the inputs of each batch, in the order they were given, for DataLoader.
// Params:  $codes: [String]
// Returns: code, lotCode, amount, unit; one row per CONSUMED_IN edge
UNWIND $codes AS code
MATCH (l:Lot)-[c:CONSUMED_IN]->(:Batch {code: code})
RETURN code, l.code AS lotCode, c.quantity AS amount, c.unit AS unit
ORDER BY c.line, l.code
