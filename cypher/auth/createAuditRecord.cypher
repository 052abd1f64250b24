// createAuditRecord: one append-only record of a mutation, accepted or refused. Run in the
// mutation's own transaction when it succeeded (as a subquery in front of the mutation's first
// statement: see withAuditRecord in auth.repository.ts), on its own when it was refused.
// The time is kept to the millisecond, as auditLog's page cursors give it back.
// Params:  $auditRecord: {id, keyId, keyName, operation, inputDigest, outcome, lotCodes: [String]}
// Returns: nothing
CREATE (a:AuditRecord)
SET a = $auditRecord, a.at = datetime({epochMillis: timestamp()})
