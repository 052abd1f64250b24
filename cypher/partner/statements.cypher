// statements: partners' signed statements kept here, newest first, filtered where asked.
// Params:  $id: String|null, $linkId: String|null, $kind: String|null, $subject: String|null, $first: Integer
// Returns: statement{.*}
MATCH (s:PartnerStatement)
WHERE ($id IS NULL OR s.id = $id) AND ($linkId IS NULL OR s.linkId = $linkId) AND ($kind IS NULL OR s.kind = $kind)
  AND ($subject IS NULL OR s.subject = $subject)
RETURN s {.*} AS statement
ORDER BY s.receivedAt DESC, s.id
LIMIT $first
