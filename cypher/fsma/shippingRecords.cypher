// shippingRecords: the Key Data Elements of each shipment line (21 CFR 1.1340) in a date range,
// oldest first, streamed. Filters as receivingRecords. The TLC source of a received lot is the
// one its receipt names; of a produced lot, where its batch was made.
// Params:  $from, $to: String (ISO); $lotCodes, $skus: [String]|null; $ftlOnly: Boolean; $offset, $limit: Integer
// Returns: one row per shipment line
MATCH (l:Lot)-[r:SHIPPED_TO]->(c:Customer)
WHERE r.shippedAt >= datetime($from) AND r.shippedAt <= datetime($to)
  AND ($lotCodes IS NULL OR l.code IN $lotCodes OR l.supplierLotCode IN $lotCodes)
  AND ($skus IS NULL OR l.productSku IN $skus)
OPTIONAL MATCH (p:Product {sku: l.productSku})
WITH l, r, c, p
WHERE NOT $ftlOnly OR coalesce(p.onFoodTraceabilityList, false)
MATCH (s:Shipment {id: r.shipmentId})
OPTIONAL MATCH (recipient:Location {id: c.locationId})
OPTIONAL MATCH (shippedFrom:Location {id: s.fromLocationId})
OPTIONAL MATCH (b:Batch)-[:PRODUCED]->(l)
OPTIONAL MATCH (tlcSource:Location {id: coalesce(b.locationId, l.tlcSourceLocationId)})
RETURN s.id AS shipmentId, l.code AS lotCode, coalesce(l.supplierLotCode, l.code) AS tlc,
       r.quantity AS quantity, r.unit AS unit, coalesce(p {.*}, {name: l.productName}) AS product,
       c.name AS customerName, recipient {.*} AS recipient, shippedFrom {.*} AS shippedFrom,
       r.shippedAt.epochMillis AS atMs, tlcSource {.*} AS tlcSource,
       CASE WHEN b IS NULL THEN l.tlcSourceReference ELSE null END AS tlcSourceReference,
       s.referenceDocumentType AS referenceDocumentType, s.referenceDocument AS referenceDocument
ORDER BY r.shippedAt, s.id, r.line
SKIP $offset LIMIT $limit
