// upsertCustomers: creates or updates many customers in one statement (bulk import).
// Params:  $rows: [{id, name, location, locationId}] (a null location or locationId keeps the stored one)
// Returns: nothing
UNWIND $rows AS row
MERGE (c:Customer {id: row.id})
SET c.name = row.name, c.location = coalesce(row.location, c.location),
    c.locationId = coalesce(row.locationId, c.locationId)
