// voidBatch: takes a batch out of the current records, keeping it: it becomes a VoidedBatch, its
// CONSUMED_IN and PRODUCED edges VOIDED_ ones and its output lots VoidedLots, each marked with the
// correction (the inputs' on-hand is recomputed after).
// Params:  $code: String, $void: {id, reason}
// Returns: nothing
MATCH (b:Batch {code: $code})
CALL (b) {
  MATCH (i:Lot)-[r:CONSUMED_IN]->(b)
  CREATE (i)-[v:VOIDED_CONSUMED_IN]->(b)
  SET v = properties(r), v.voidId = $void.id
  DELETE r
}
CALL (b) {
  MATCH (b)-[r:PRODUCED]->(o:Lot)
  CREATE (b)-[v:VOIDED_PRODUCED]->(o)
  SET v = properties(r), v.voidId = $void.id
  DELETE r
  REMOVE o:Lot, o._lock
  SET o:VoidedLot, o.voidId = $void.id, o.voidedAt = datetime(), o.voidReason = $void.reason
}
REMOVE b:Batch, b._lock
SET b:VoidedBatch, b.voidId = $void.id, b.voidedAt = datetime(), b.voidReason = $void.reason
