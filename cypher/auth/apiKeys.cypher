// apiKeys: every key, newest first, revoked ones too unless left out.
// Params:  $includeRevoked: Boolean
// Returns: key{.*} without the hash
MATCH (k:ApiKey)
WHERE $includeRevoked OR k.revokedAt IS NULL
RETURN k {.*, hash: null} AS key
ORDER BY k.createdAt DESC, k.id
