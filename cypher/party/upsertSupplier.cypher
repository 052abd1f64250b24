// upsertSupplier: creates the supplier or updates its name, and its location where one is given.
// Params:  $id: String, $name: String, $location: String|null, $setLocation: Boolean
//          (false when the input left location out: the stored one is kept)
// Returns: supplier{.*}
MERGE (s:Supplier {id: $id})
SET s.name = $name,
    s.location = CASE WHEN $setLocation THEN $location ELSE s.location END
RETURN s {.*} AS supplier
