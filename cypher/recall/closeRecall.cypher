// closeRecall: records a recall's outcome and closes it.
// Params:  $recallId: String, $outcome: String, $by: String, $at: String (ISO)
//          $actorKeyId: String|null (the API key that writes: every write transaction has it)
// Returns: status before (null when the recall does not exist)
OPTIONAL MATCH (r:Recall {id: $recallId})
WITH r, r.status AS before
FOREACH (_ IN CASE WHEN r IS NULL OR before = 'CLOSED' THEN [] ELSE [1] END |
  SET r.status = 'CLOSED', r.outcome = $outcome, r.closedBy = $by, r.closedByKeyId = $actorKeyId, r.closedAt = datetime($at)
)
RETURN before
