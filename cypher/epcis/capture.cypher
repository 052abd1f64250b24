// capture: one capture job: its outcome once it has one (JSON text), and whether it is stale
// (no outcome, and no heartbeat for 60 s: its process stopped).
// Params:  $id: String
// Returns: capture: {id, createdAt, outcome, events, byKeyId, stale}
MATCH (c:EpcisCapture {id: $id})
RETURN c {.id, createdAt: toString(c.createdAt), .outcome, .events, .byKeyId,
  stale: c.outcome IS NULL AND coalesce(c.heartbeatAt, c.createdAt) < datetime() - duration({seconds: 60})} AS capture
