// upsertLocation: creates or updates a location description.
// Describing a stub (one EPCIS capture knew only by GLN or GTIN) makes it a record like any other.
// Params:  $location: {id, businessName, phone, street, city, state, postalCode, country, fdaRegistration, gln, url, own}
// Returns: location{.*}
MERGE (l:Location {id: $location.id})
SET l += $location
REMOVE l.stub
RETURN l {.*} AS location
