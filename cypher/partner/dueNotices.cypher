// dueNotices: claims the recall notices that are due to a linked customer's lotgraph: of every
// open or pending recall (never a mock), each notification of a customer we have a link to that
// is not yet acknowledged and whose next attempt is due, leased for $leaseSeconds so that other
// instances leave it alone meanwhile (a lease that runs out lets another try: at least once).
// Params:  $limit: Integer, $leaseSeconds: Integer
// Returns: recallId, customerId, attempts, linkId
MATCH (r:Recall)-[n:NOTIFIES]->(c:Customer)<-[:LINKS]-(p:PartnerLink)
WHERE r.status IN ['OPEN', 'PENDING'] AND NOT r.mock AND n.status <> 'ACKNOWLEDGED'
  AND (n.nextAttemptAt IS NULL OR n.nextAttemptAt <= datetime())
  AND (n.leaseUntil IS NULL OR n.leaseUntil < datetime())
WITH r, n, c, p
ORDER BY r.initiatedAt
LIMIT $limit
SET n.leaseUntil = datetime() + duration({seconds: $leaseSeconds}), n.attempts = coalesce(n.attempts, 0) + 1
RETURN r.id AS recallId, c.id AS customerId, n.attempts AS attempts, p.id AS linkId
