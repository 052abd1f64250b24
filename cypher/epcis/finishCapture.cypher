// finishCapture: a capture job's outcome: success, or the problems that refused it (JSON text).
// Params:  $id: String, $success: Boolean, $errors: String (JSON), $summary: String (JSON)
// Returns: nothing
MATCH (c:EpcisCapture {id: $id})
SET c.running = false, c.success = $success, c.errors = $errors, c.summary = $summary, c.finishedAt = datetime()
