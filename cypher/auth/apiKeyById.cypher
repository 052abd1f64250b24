// apiKeyById: one key by its id (for signed download links, which name the key).
// Params:  $id: String
// Returns: key{.*} without the hash; no row when there is no such key
MATCH (k:ApiKey {id: $id})
RETURN k {.*, hash: null} AS key
