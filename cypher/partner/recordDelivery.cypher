// recordDelivery: the outcome of one attempt to deliver a recall notice to a linked customer's
// lotgraph: an entry on the notification's timeline (the last 50 kept), and either the signed
// acknowledgement (ACKNOWLEDGED, with its time) or the time of the next attempt.
// Params:  $recallId, $customerId: String, $entry: String (JSON), $acknowledged: Boolean,
//          $acknowledgement: String|null (the partner's signed statement), $note: String|null,
//          $nextAttemptAt: String|null (ISO)
// Returns: nothing
MATCH (:Recall {id: $recallId})-[n:NOTIFIES]->(:Customer {id: $customerId})
SET n.timeline = (coalesce(n.timeline, []) + [$entry])[-50..],
    n.leaseUntil = null,
    n.nextAttemptAt = CASE WHEN $acknowledged THEN null ELSE datetime($nextAttemptAt) END,
    n.status = CASE WHEN $acknowledged THEN 'ACKNOWLEDGED' ELSE n.status END,
    n.notifiedAt = CASE WHEN $acknowledged THEN coalesce(n.notifiedAt, datetime()) ELSE n.notifiedAt END,
    n.acknowledgedAt = CASE WHEN $acknowledged THEN coalesce(n.acknowledgedAt, datetime()) ELSE n.acknowledgedAt END,
    n.note = CASE WHEN $acknowledged THEN coalesce($note, n.note) ELSE n.note END,
    n.acknowledgement = CASE WHEN $acknowledged THEN $acknowledgement ELSE n.acknowledgement END
