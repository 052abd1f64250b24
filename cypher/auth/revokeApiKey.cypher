// revokeApiKey: marks a key revoked (once: a second revocation keeps the first time).
// Params:  $id: String
// Returns: key{.*} without the hash; no row when there is no such key
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, datetime())
RETURN k {.*, hash: null} AS key
