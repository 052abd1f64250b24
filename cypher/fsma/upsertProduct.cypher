// upsertProduct: creates or updates a product description.
// Describing a stub (one EPCIS capture knew only by GLN or GTIN) makes it a record like any other.
// Params:  $product: {sku, name, gtin, brand, commodity, variety, packSize, packStyle, onFoodTraceabilityList}
// Returns: product{.*}
MERGE (p:Product {sku: $product.sku})
SET p += $product
REMOVE p.stub
RETURN p {.*} AS product
