// removeLink: forgets the link to a partner's lotgraph (and the secret it holds). Notices and
// statements already exchanged stay.
// Params:  $id: String
// Returns: link{.*} as it was, without the sealed key; no row when there is no such link
MATCH (p:PartnerLink {id: $id})
WITH p, p {.*, sealedKey: null} AS link
DETACH DELETE p
RETURN link
