// apiKeyByHash: the key whose secret hashes to $hash, revoked or not (the caller decides).
// Params:  $hash: String
// Returns: key{.*} without the hash; no row when no key has it
MATCH (k:ApiKey {hash: $hash})
RETURN k {.*, hash: null} AS key
