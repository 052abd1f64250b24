// createApiKey: stores a new key: its hash, never the secret.
// Params:  $key: {id, name, role, customerId, supplierId, sharesLineage, hash, hint}
// Returns: key{.*} without the hash
CREATE (k:ApiKey)
SET k = $key, k.createdAt = datetime()
RETURN k {.*, hash: null} AS key
