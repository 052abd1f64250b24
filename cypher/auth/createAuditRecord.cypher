// createAuditRecord: one append-only record of a mutation, accepted or refused. Run in the
// mutation's own transaction when it succeeded, on its own when it was refused.
// The time is kept to the millisecond, as auditLog's page cursors give it back.
// Params:  $record: {id, keyId, keyName, operation, inputDigest, outcome, lotCodes: [String]}
// Returns: nothing
CREATE (a:AuditRecord)
SET a = $record, a.at = datetime({epochMillis: timestamp()})
