// notificationsByRecallIds: each recall's customers to notify, with the state of each notice.
// Params:  $ids: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: recallId, customer{.*}, status, notifiedAt, acknowledgedAt, note, and for a linked
//          customer's lotgraph: timeline (JSON entries), attempts, nextAttemptAt, acknowledgement
UNWIND $ids AS id
MATCH (:Recall {id: id})-[n:NOTIFIES]->(c:Customer)
WHERE $scope IS NULL OR c.id = $scope.customerId
RETURN id AS recallId, c {.*} AS customer, n.status AS status, n.notifiedAt AS notifiedAt,
       n.acknowledgedAt AS acknowledgedAt, n.note AS note, n.timeline AS timeline, n.attempts AS attempts,
       n.nextAttemptAt AS nextAttemptAt, n.acknowledgement AS acknowledgement
ORDER BY c.id
