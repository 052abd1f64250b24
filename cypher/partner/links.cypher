// links: the links to partners' lotgraphs, by party; every link when $ids is null. The sealed
// key comes only where the caller asks for it ($withKey), to call the partner.
// Params:  $ids: [String]|null (link ids: "supplier:ID" or "customer:ID"), $withKey: Boolean
// Returns: link{.*}
MATCH (p:PartnerLink)
WHERE $ids IS NULL OR p.id IN $ids
RETURN p {.*, sealedKey: CASE WHEN $withKey THEN p.sealedKey END} AS link
ORDER BY p.id
