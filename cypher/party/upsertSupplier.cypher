// upsertSupplier: creates the supplier or updates its name, and its location where one is given.
// Describing a stub (one EPCIS capture knew only by GLN or GTIN) makes it a record like any other.
// Params:  $id: String, $name: String, $location: String|null, $setLocation: Boolean
//          (false when the input left location out: the stored one is kept),
//          $locationId: String|null (the site's Location; null keeps the stored one),
//          $gln: String|null (the party GLN, checked; null keeps the stored one)
// Returns: supplier{.*}
MERGE (s:Supplier {id: $id})
SET s.name = $name,
    s.location = CASE WHEN $setLocation THEN $location ELSE s.location END,
    s.locationId = CASE WHEN $locationId IS NULL THEN s.locationId ELSE $locationId END,
    s.gln = coalesce($gln, s.gln)
REMOVE s.stub
RETURN s {.*} AS supplier
