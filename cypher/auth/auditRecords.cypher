// auditRecords: a page of the audit log, newest first, filtered where a filter is given.
// Params:  $keyId: String|null, $operation: String|null, $from: String|null, $to: String|null,
//          $lotCode: String|null, $first: Integer, $before: String|null (an ISO instant: only
//          records before it), $beforeId: String|null (ties at $before: ids below it)
// Returns: record{.*}
MATCH (a:AuditRecord)
WHERE ($keyId IS NULL OR a.keyId = $keyId)
  AND ($operation IS NULL OR a.operation = $operation)
  AND ($from IS NULL OR a.at >= datetime($from))
  AND ($to IS NULL OR a.at < datetime($to))
  AND ($lotCode IS NULL OR $lotCode IN a.lotCodes)
  AND ($before IS NULL OR a.at < datetime($before) OR (a.at = datetime($before) AND a.id < $beforeId))
RETURN a {.*} AS record
ORDER BY a.at DESC, a.id DESC
LIMIT $first
