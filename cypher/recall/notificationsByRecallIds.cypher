// notificationsByRecallIds: each recall's customers to notify, with the state of each notice.
// Params:  $ids: [String]
// Returns: recallId, customer{.*}, status, notifiedAt, acknowledgedAt, note
UNWIND $ids AS id
MATCH (:Recall {id: id})-[n:NOTIFIES]->(c:Customer)
RETURN id AS recallId, c {.*} AS customer, n.status AS status, n.notifiedAt AS notifiedAt,
       n.acknowledgedAt AS acknowledgedAt, n.note AS note
ORDER BY c.id
