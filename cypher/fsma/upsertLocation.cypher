// upsertLocation: creates or updates a location description.
// Params:  $location: {id, businessName, phone, street, city, state, postalCode, country, fdaRegistration, gln, url, own}
// Returns: location{.*}
MERGE (l:Location {id: $location.id})
SET l += $location
RETURN l {.*} AS location
