// startCapture: a capture job, as the EPCIS 2.0 capture interface reports it.
// Params:  $capture: {id, events, byKeyId, by}
// Returns: nothing
CREATE (c:EpcisCapture)
SET c = $capture, c.createdAt = datetime(), c.heartbeatAt = datetime(), c.running = true
