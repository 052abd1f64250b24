// linkedReceipts: of these lots, the ones received from a supplier we have a partner link to,
// with the traceability lot code the supplier gave it (what we ask the supplier's lotgraph about).
// Params:  $codes: [String]
// Returns: code, tlc, gtin, linkId; one row per such lot that has a supplier's lot code or lot number
UNWIND $codes AS code
MATCH (p:PartnerLink)-[:LINKS]->(s:Supplier)-[:SUPPLIED]->(l:Lot {code: code})
WITH l, p, coalesce(l.supplierLotCode, l.lotNumber) AS tlc
WHERE tlc IS NOT NULL
OPTIONAL MATCH (pr:Product {sku: l.productSku})
RETURN l.code AS code, tlc, pr.gtin AS gtin, p.id AS linkId
ORDER BY code
