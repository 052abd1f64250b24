// touchApiKeys: records when keys were last used (written at most once a minute per key).
// Params:  $uses: [{id: String, at: String}]
// Returns: nothing
UNWIND $uses AS use
MATCH (k:ApiKey {id: use.id})
SET k.lastUsedAt = datetime(use.at)
