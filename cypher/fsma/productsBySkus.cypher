// productsBySkus: batch lookup for DataLoader.
// Params:  $skus: [String]
// Returns: sku, product{.*}; missing skus are omitted
UNWIND $skus AS sku
MATCH (p:Product {sku: sku})
RETURN sku, p {.*} AS product
