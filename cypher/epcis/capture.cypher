// capture: one capture job.
// Params:  $id: String
// Returns: capture: {id, createdAt, finishedAt, running, success, errors, summary, events, byKeyId, stale}
//          (stale: running, but no heartbeat for 60 s: its process stopped)
MATCH (c:EpcisCapture {id: $id})
RETURN c {.id, createdAt: toString(c.createdAt), finishedAt: toString(c.finishedAt), .running, .success, .errors, .summary, .events, .byKeyId,
  stale: c.running AND coalesce(c.heartbeatAt, c.createdAt) < datetime() - duration({seconds: 60})} AS capture
