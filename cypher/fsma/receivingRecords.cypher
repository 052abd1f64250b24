// receivingRecords: the Key Data Elements of each receipt (21 CFR 1.1345) in a date range, oldest
// first, streamed. Places and products come as ids (Location.id, Product.sku): the caller spreads
// them into their descriptions from fsma/dictionary, read once, rather than every row carrying them.
// Filters: $lotCodes (our or the supplier's lot code), $skus, $ftlOnly (with $ftlSkus, the
// products on the Food Traceability List).
// Params:  $from, $to: String (ISO); $lotCodes, $skus: [String]|null; $ftlOnly: Boolean;
//          $ftlSkus: [String]; $offset, $limit: Integer
// Returns: one row per received lot
MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot)
WHERE l.receivedAt >= datetime($from) AND l.receivedAt <= datetime($to)
  AND ($lotCodes IS NULL OR l.code IN $lotCodes OR l.supplierLotCode IN $lotCodes)
  AND ($skus IS NULL OR l.productSku IN $skus)
  AND (NOT $ftlOnly OR l.productSku IN $ftlSkus)
RETURN l.code AS lotCode, l.supplierLotCode AS tlc, l.quantity AS quantity, l.unit AS unit,
       l.productSku AS sku, l.productName AS productName, s.name AS supplierName, s.locationId AS previousSourceId,
       l.receivedAtLocationId AS receivedAtId, l.tlcSourceLocationId AS tlcSourceId,
       l.tlcSourceReference AS tlcSourceReference, l.referenceDocumentType AS referenceDocumentType,
       l.referenceDocument AS referenceDocument, l.receivedAt.epochMillis AS atMs
ORDER BY l.receivedAt, l.code
SKIP $offset LIMIT $limit
