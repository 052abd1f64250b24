// touchCapture: the running capture's heartbeat, so that any instance can tell a job whose
// process stopped (no heartbeat for a minute) from one still running.
// Params:  $id: String
// Returns: nothing
MATCH (c:EpcisCapture {id: $id})
SET c.heartbeatAt = datetime()
