// instanceKey: this lotgraph's private signing key (a JWK as JSON text), made by the first
// instance that starts on the database and read by every other. The constraint on
// InstanceKey.singleton keeps it one: a second maker racing the first fails and reads again.
// Params:  $privateJwk: String (the key to keep when there is none yet)
// Returns: privateJwk: String
MERGE (k:InstanceKey {singleton: true})
ON CREATE SET k.privateJwk = $privateJwk, k.createdAt = datetime()
RETURN k.privateJwk AS privateJwk
