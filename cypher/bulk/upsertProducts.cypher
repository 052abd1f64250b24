// upsertProducts: creates or updates many product descriptions in one statement (bulk import).
// Describing a stub (one EPCIS capture knew only by GLN or GTIN) makes it a record like any other.
// Params:  $rows: [{sku, name, gtin, brand, commodity, variety, packSize, packStyle, onFoodTraceabilityList}]
// Returns: nothing
UNWIND $rows AS row
MERGE (p:Product {sku: row.sku})
SET p += row
REMOVE p.stub
