// correctionsByLotCodes: each lot's history of corrections: every void of a record that named it
// (its receipt, a batch that used or made it, a shipment of it), oldest first.
// Params:  $codes: [String]
// Returns: code, correction: {id, kind, recordId, reason, at, byKeyId, by, lotCodes, replacedBy}
UNWIND $codes AS code
MATCH (c:Correction)
WHERE code IN c.lotCodes
WITH code, c ORDER BY c.at
RETURN code, c {.id, .kind, .recordId, .reason, at: toString(c.at), .byKeyId, .by, .lotCodes, .replacedBy} AS correction
