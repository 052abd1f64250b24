// createRecall: writes a recall (or mock recall) with its starting lots, the lots it affects
// (with their on-hand quantity at the time and whether the recall changed their status), and a
// PENDING notification per customer (none for a mock recall). A recall that a supplier's notice
// opened is PENDING (until our quality manager confirms it) and keeps where it came from.
// Params:  $recall: {id, mock, pending, reason, classification, action, initiatedBy, initiatedAt, startedAt,
//                    finishedAt, durationMs, inputHash, lotCount, customerCount, lineCount, percentAccountedFor, gapCount}
//          $origin: {originLinkId, originCompany, originRecallId, originStatementId, originRootCompany,
//                    originRootRecallId, originRootReason}|{} (a supplier's notice)
//          $startCodes: [String], $affected: [{code, onHandBase, changed}], $customerIds: [String]
//          $actorKeyId: String|null (the API key that writes: every write transaction has it)
// Returns: recall{.*}
CREATE (r:Recall {
  id: $recall.id, mock: $recall.mock, reason: $recall.reason, classification: $recall.classification,
  action: $recall.action, status: CASE WHEN $recall.mock THEN 'CLOSED' WHEN $recall.pending THEN 'PENDING' ELSE 'OPEN' END,
  initiatedBy: $recall.initiatedBy, initiatedByKeyId: $actorKeyId, initiatedAt: datetime($recall.initiatedAt),
  startedAt: datetime($recall.startedAt), finishedAt: datetime($recall.finishedAt), durationMs: $recall.durationMs,
  lotCount: $recall.lotCount, customerCount: $recall.customerCount, lineCount: $recall.lineCount,
  percentAccountedFor: $recall.percentAccountedFor, gapCount: $recall.gapCount,
  inputHash: $recall.inputHash, recordedAt: datetime()
})
SET r += $origin
WITH r
CALL (r) {
  UNWIND $startCodes AS code
  MATCH (l:Lot {code: code})
  CREATE (r)-[:STARTS_AT]->(l)
}
CALL (r) {
  UNWIND $affected AS a
  MATCH (l:Lot {code: a.code})
  CREATE (r)-[:AFFECTS {onHandBase: a.onHandBase, changedStatus: a.changed}]->(l)
}
CALL (r) {
  UNWIND $customerIds AS id
  MATCH (c:Customer {id: id})
  CREATE (r)-[:NOTIFIES {status: 'PENDING'}]->(c)
}
RETURN r {.*} AS recall
