// upsertLocations: creates or updates many location descriptions in one statement (bulk import).
// Describing a stub (one EPCIS capture knew only by GLN or GTIN) makes it a record like any other.
// Params:  $rows: [{id, businessName, phone, street, city, state, postalCode, country, fdaRegistration, gln, url, own}]
// Returns: nothing
UNWIND $rows AS row
MERGE (l:Location {id: row.id})
SET l += row
REMOVE l.stub
