// upsertLocations: creates or updates many location descriptions in one statement (bulk import).
// Params:  $rows: [{id, businessName, phone, street, city, state, postalCode, country, fdaRegistration, gln, url, own}]
// Returns: nothing
UNWIND $rows AS row
MERGE (l:Location {id: row.id})
SET l += row
