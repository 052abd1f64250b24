// receivingRecords: the Key Data Elements of each receipt (21 CFR 1.1345) in a date range, oldest
// first, streamed. Filters: $lotCodes (our or the supplier's lot code), $skus, $ftlOnly.
// Params:  $from, $to: String (ISO); $lotCodes, $skus: [String]|null; $ftlOnly: Boolean; $offset, $limit: Integer
// Returns: one row per received lot
MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot)
WHERE l.receivedAt >= datetime($from) AND l.receivedAt <= datetime($to)
  AND ($lotCodes IS NULL OR l.code IN $lotCodes OR l.supplierLotCode IN $lotCodes)
  AND ($skus IS NULL OR l.productSku IN $skus)
OPTIONAL MATCH (p:Product {sku: l.productSku})
WITH s, l, p
WHERE NOT $ftlOnly OR coalesce(p.onFoodTraceabilityList, false)
OPTIONAL MATCH (previous:Location {id: s.locationId})
OPTIONAL MATCH (received:Location {id: l.receivedAtLocationId})
OPTIONAL MATCH (tlcSource:Location {id: l.tlcSourceLocationId})
RETURN l.code AS lotCode, l.supplierLotCode AS tlc, l.quantity AS quantity, l.unit AS unit,
       coalesce(p {.*}, {name: l.productName}) AS product, s.name AS supplierName,
       previous {.*} AS previousSource, received {.*} AS receivedAt, tlcSource {.*} AS tlcSource,
       l.tlcSourceReference AS tlcSourceReference, l.referenceDocumentType AS referenceDocumentType,
       l.referenceDocument AS referenceDocument, l.receivedAt.epochMillis AS atMs
ORDER BY l.receivedAt, l.code
SKIP $offset LIMIT $limit
