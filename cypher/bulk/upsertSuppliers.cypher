// upsertSuppliers: creates or updates many suppliers in one statement (bulk import).
// Describing a stub (one EPCIS capture knew only by GLN or GTIN) makes it a record like any other.
// Params:  $rows: [{id, name, location, locationId, gln}] (a null location, locationId or gln keeps the stored one)
// Returns: nothing
UNWIND $rows AS row
MERGE (s:Supplier {id: row.id})
SET s.name = row.name, s.location = coalesce(row.location, s.location),
    s.locationId = coalesce(row.locationId, s.locationId), s.gln = coalesce(row.gln, s.gln)
REMOVE s.stub
