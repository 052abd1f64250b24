// lotsByGtinLot: the lots a GS1 GTIN + lot number names: of the product with that GTIN, whose
// traceability lot code is that number (the supplier's lot code on a received lot, lotgraph's
// lot number or else its code on a produced one), as Lot.traceabilityLotCode gives it.
// Params:  $gtin: String (14 digits), $lot: String
// Returns: code; one row per lot, by code
// By the indexed lot number first (a product may have a year of lots), then its product's GTIN.
CALL () {
  MATCH (l:Lot {supplierLotCode: $lot}) RETURN l
  UNION
  MATCH (l:Lot {lotNumber: $lot}) RETURN l
  UNION
  MATCH (l:Lot {code: $lot}) RETURN l
}
MATCH (p:Product {sku: l.productSku})
WHERE p.gtin = $gtin AND coalesce(l.supplierLotCode, l.lotNumber, l.code) = $lot
RETURN l.code AS code
ORDER BY code
