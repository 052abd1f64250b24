// recordStatement: keeps a partner's signed statement, verified, as it came (once: by the hash
// of its text), so that an auditor can see which company stated which fact, and when.
// Params:  $statement: {id, kind, linkId, partyKind, partyId, company, instanceId, subject, statedAt (ISO), jws}
// Returns: id
MERGE (s:PartnerStatement {id: $statement.id})
ON CREATE SET s += $statement, s.statedAt = datetime($statement.statedAt), s.receivedAt = datetime()
RETURN s.id AS id
