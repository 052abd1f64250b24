// voidReceipt: takes a received lot out of the current records, keeping it: the lot becomes a
// VoidedLot and its SUPPLIED edge a VOIDED_SUPPLIED one, each marked with the correction.
// Traces, stock, recalls and the FDA sheet match Lot and SUPPLIED, so they no longer see it.
// Params:  $code: String, $void: {id, reason}
// Returns: nothing
MATCH (s:Supplier)-[r:SUPPLIED]->(l:Lot {code: $code})
CREATE (s)-[v:VOIDED_SUPPLIED]->(l)
SET v = properties(r), v.voidId = $void.id
DELETE r
REMOVE l:Lot, l._lock
SET l:VoidedLot, l.voidId = $void.id, l.voidedAt = datetime(), l.voidReason = $void.reason
