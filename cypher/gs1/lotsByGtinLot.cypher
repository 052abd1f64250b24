// lotsByGtinLot: the lots a GS1 GTIN + lot number names: of the product with that GTIN, whose
// traceability lot code is that number (the supplier's lot code on a received lot, lotgraph's
// lot number or else its code on a produced one), as Lot.traceabilityLotCode gives it.
// Params:  $gtin: String (14 digits), $lot: String
// Returns: code; one row per lot, by code
MATCH (p:Product {gtin: $gtin})
MATCH (l:Lot {productSku: p.sku})
WHERE coalesce(l.supplierLotCode, l.lotNumber, l.code) = $lot
RETURN l.code AS code
ORDER BY code
