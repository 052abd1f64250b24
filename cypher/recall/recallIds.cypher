// recallIds: the recalls, newest first, filtered by status and by mock or real where given.
// Params:  $status: String|null, $mock: Boolean|null
// Returns: id
MATCH (r:Recall)
WHERE ($status IS NULL OR r.status = $status) AND ($mock IS NULL OR r.mock = $mock)
RETURN r.id AS id
ORDER BY r.initiatedAt DESC, r.id
