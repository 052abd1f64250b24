// upsertProduct: creates or updates a product description.
// Params:  $product: {sku, name, gtin, brand, commodity, variety, packSize, packStyle, onFoodTraceabilityList}
// Returns: product{.*}
MERGE (p:Product {sku: $product.sku})
SET p += $product
RETURN p {.*} AS product
