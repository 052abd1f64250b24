// upsertSuppliers: creates or updates many suppliers in one statement (bulk import).
// Params:  $rows: [{id, name, location}]
// Returns: nothing
UNWIND $rows AS row
MERGE (s:Supplier {id: row.id})
SET s.name = row.name, s.location = coalesce(row.location, s.location)
