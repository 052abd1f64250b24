// finishCapture: a capture job's outcome, as one JSON text ({success, errors, summary, finishedAt}).
// One property, because a reader may see a transaction's changes to different properties of a node
// at different moments (read committed): a poll must never see "finished" without the outcome.
// Params:  $id: String, $outcome: String (JSON)
// Returns: nothing
MATCH (c:EpcisCapture {id: $id})
SET c.outcome = $outcome, c.running = false
