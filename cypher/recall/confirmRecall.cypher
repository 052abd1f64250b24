// confirmRecall: a pending recall (opened by a supplier's notice) confirmed by our quality
// manager: OPEN, with the action taken, the lots it reaches now (and whether it changed each)
// and a PENDING notification for every customer it reaches that had none.
// Params:  $recallId: String, $action: String, $by: String, $at: String (ISO),
//          $affected: [{code, onHandBase, changed}], $customerIds: [String],
//          $counts: {lotCount, customerCount, lineCount, percentAccountedFor, gapCount}
//          $actorKeyId: String|null (the API key that writes: every write transaction has it)
// Returns: id; no row when the recall is not pending
MATCH (r:Recall {id: $recallId, status: 'PENDING'})
SET r += $counts, r.status = 'OPEN', r.action = $action, r.confirmedBy = $by, r.confirmedByKeyId = $actorKeyId,
    r.confirmedAt = datetime($at)
WITH r
CALL (r) {
  MATCH (r)-[a:AFFECTS]->(:Lot)
  DELETE a
}
CALL (r) {
  UNWIND $affected AS a
  MATCH (l:Lot {code: a.code})
  CREATE (r)-[:AFFECTS {onHandBase: a.onHandBase, changedStatus: a.changed}]->(l)
}
CALL (r) {
  UNWIND $customerIds AS id
  MATCH (c:Customer {id: id})
  WHERE NOT EXISTS { (r)-[:NOTIFIES]->(c) }
  CREATE (r)-[:NOTIFIES {status: 'PENDING'}]->(c)
}
RETURN r.id AS id
