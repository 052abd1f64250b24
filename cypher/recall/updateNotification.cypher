// updateNotification: moves a customer's notice of a recall to a new status, keeping the time of
// each step (notifiedAt, acknowledgedAt: set once, never cleared).
// Params:  $recallId: String, $customerId: String, $status: String, $at: String (ISO), $note: String|null
// Returns: found (false when the recall does not notify that customer)
OPTIONAL MATCH (:Recall {id: $recallId})-[n:NOTIFIES]->(:Customer {id: $customerId})
FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END |
  SET n.status = $status,
      n.notifiedAt = CASE WHEN $status IN ['NOTIFIED', 'ACKNOWLEDGED'] THEN coalesce(n.notifiedAt, datetime($at)) ELSE n.notifiedAt END,
      n.acknowledgedAt = CASE WHEN $status = 'ACKNOWLEDGED' THEN coalesce(n.acknowledgedAt, datetime($at)) ELSE n.acknowledgedAt END,
      n.note = coalesce($note, n.note)
)
RETURN n IS NOT NULL AS found
