// createAdjustment: writes an adjustment of a lot and the lot's new on-hand quantity (computed by
// the caller under the lock of lockLots).
// Params:  $adjustment: {id, lotCode, kind, direction, amount, unit, base, reason, by, at (ISO), inputHash}
//          $lot: {onHandBase, onHand}
//          $actorKeyId: String|null (the API key that writes: every write transaction has it)
// Returns: adjustment{.*, lotCode}
MATCH (l:Lot {code: $adjustment.lotCode})
CREATE (a:Adjustment {
  id: $adjustment.id, kind: $adjustment.kind, direction: $adjustment.direction,
  quantity: $adjustment.amount, unit: $adjustment.unit, quantityBase: $adjustment.base,
  reason: $adjustment.reason, by: $adjustment.by, byKeyId: $actorKeyId, at: datetime($adjustment.at),
  inputHash: $adjustment.inputHash, recordedAt: datetime()
})-[:ADJUSTS]->(l)
SET l.onHandBase = $lot.onHandBase, l.onHand = $lot.onHand
REMOVE l._lock
RETURN a {.*, lotCode: l.code} AS adjustment
