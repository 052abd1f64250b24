// recallForRecording: whether a recall id is taken, and by what content.
// Params:  $recallId: String
// Returns: one row: existingHash (null when the id is free), idTaken
OPTIONAL MATCH (r:Recall {id: $recallId})
RETURN r.inputHash AS existingHash, r IS NOT NULL AS idTaken
