// lotClasses: what names lots as EPCIS classes: each lot's traceability lot code and its product's GTIN.
// Params:  $codes: [String]
// Returns: code, supplierLotCode, lotNumber, gtin; one row per lot found
UNWIND $codes AS code
MATCH (l:Lot {code: code})
OPTIONAL MATCH (p:Product {sku: l.productSku})
RETURN l.code AS code, l.supplierLotCode AS supplierLotCode, l.lotNumber AS lotNumber, p.gtin AS gtin
