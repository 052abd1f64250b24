// adjustmentForRecording: whether an adjustment id is taken, and by what content.
// Params:  $adjustmentId: String
// Returns: one row: existingHash (null when the id is free), idTaken
OPTIONAL MATCH (a:Adjustment {id: $adjustmentId})
RETURN a.inputHash AS existingHash, a IS NOT NULL AS idTaken
