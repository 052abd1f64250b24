// upsertLink: records (or replaces) the link to a partner's lotgraph: one per supplier or
// customer of ours. The secret that partner issued to us is kept sealed (encrypted), never plain.
// Params:  $link: {id, partyKind, partyId, baseUrl, sealedKey, keyHint, partnerId, partnerName, partnerJwk}
// Returns: link{.*} without the sealed key; no row when the party does not exist
OPTIONAL MATCH (s:Supplier {id: $link.partyId}) WHERE $link.partyKind = 'supplier'
OPTIONAL MATCH (c:Customer {id: $link.partyId}) WHERE $link.partyKind = 'customer'
WITH coalesce(s, c) AS party
WHERE party IS NOT NULL
MERGE (p:PartnerLink {id: $link.id})
SET p += $link, p.linkedAt = datetime(), p.linkedByKeyId = $actorKeyId
MERGE (p)-[:LINKS]->(party)
RETURN p {.*, sealedKey: null} AS link
