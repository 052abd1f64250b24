// upsertCustomer: creates the customer or updates its name, and its location where one is given.
// Describing a stub (one EPCIS capture knew only by GLN or GTIN) makes it a record like any other.
// Params:  $id: String, $name: String, $location: String|null, $setLocation: Boolean
//          (false when the input left location out: the stored one is kept),
//          $locationId: String|null (the site's Location; null keeps the stored one),
//          $gln: String|null (the party GLN, checked; null keeps the stored one)
// Returns: customer{.*}
MERGE (c:Customer {id: $id})
SET c.name = $name,
    c.location = CASE WHEN $setLocation THEN $location ELSE c.location END,
    c.locationId = CASE WHEN $locationId IS NULL THEN c.locationId ELSE $locationId END,
    c.gln = coalesce($gln, c.gln)
REMOVE c.stub
RETURN c {.*} AS customer
