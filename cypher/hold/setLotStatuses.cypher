// setLotStatuses: changes lots' status and records each change as a HoldEvent, then lets go of
// the locks that lockLots took on every lot of the call (changed or not).
// Params:  $changes: [{code, status}], $event: {action, reason, by, at (ISO)}, $locked: [String]
//          $actorKeyId: String|null (the API key that writes: every write transaction has it)
// Returns: lot{.*} of each changed lot
CALL () {
  UNWIND $locked AS code
  MATCH (l:Lot {code: code})
  REMOVE l._lock
}
UNWIND $changes AS change
MATCH (l:Lot {code: change.code})
SET l.status = change.status
CREATE (:HoldEvent {action: $event.action, reason: $event.reason, by: $event.by, byKeyId: $actorKeyId, at: datetime($event.at), recordedAt: datetime()})-[:ON_LOT]->(l)
RETURN l {.*} AS lot
