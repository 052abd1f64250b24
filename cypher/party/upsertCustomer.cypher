// upsertCustomer: creates the customer or updates its name, and its location where one is given.
// Params:  $id: String, $name: String, $location: String|null, $setLocation: Boolean
//          (false when the input left location out: the stored one is kept)
// Returns: customer{.*}
MERGE (c:Customer {id: $id})
SET c.name = $name,
    c.location = CASE WHEN $setLocation THEN $location ELSE c.location END
RETURN c {.*} AS customer
