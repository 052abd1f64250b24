// knownSkus: which of the given SKUs lotgraph knows, as a product description or on a lot.
// Params:  $skus: [String]
// Returns: sku; one row per known SKU
UNWIND $skus AS sku
OPTIONAL MATCH (p:Product {sku: sku})
CALL (sku) {
  OPTIONAL MATCH (l:Lot {productSku: sku})
  RETURN l IS NOT NULL AS onALot LIMIT 1
}
WITH sku, p, onALot
WHERE p IS NOT NULL OR onALot
RETURN sku
