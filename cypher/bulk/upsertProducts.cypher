// upsertProducts: creates or updates many product descriptions in one statement (bulk import).
// Params:  $rows: [{sku, name, gtin, brand, commodity, variety, packSize, packStyle, onFoodTraceabilityList}]
// Returns: nothing
UNWIND $rows AS row
MERGE (p:Product {sku: row.sku})
SET p += row
