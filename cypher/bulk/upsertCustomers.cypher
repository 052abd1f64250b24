// upsertCustomers: creates or updates many customers in one statement (bulk import).
// Describing a stub (one EPCIS capture knew only by GLN or GTIN) makes it a record like any other.
// Params:  $rows: [{id, name, location, locationId, gln}] (a null location, locationId or gln keeps the stored one)
// Returns: nothing
UNWIND $rows AS row
MERGE (c:Customer {id: row.id})
SET c.name = row.name, c.location = coalesce(row.location, c.location),
    c.locationId = coalesce(row.locationId, c.locationId), c.gln = coalesce(row.gln, c.gln)
REMOVE c.stub
