// shippingRecords: the Key Data Elements of each shipment line (21 CFR 1.1340) in a date range,
// oldest first, streamed. Filters and ids as receivingRecords. The TLC source of a received lot
// is the one its receipt names; of a produced lot, where its batch was made.
// Params:  $from, $to: String (ISO); $lotCodes, $skus: [String]|null; $ftlOnly: Boolean;
//          $ftlSkus: [String]; $offset, $limit: Integer
// Returns: one row per shipment line
MATCH (l:Lot)-[r:SHIPPED_TO]->(c:Customer)
WHERE r.shippedAt >= datetime($from) AND r.shippedAt <= datetime($to)
  AND ($lotCodes IS NULL OR l.code IN $lotCodes OR l.supplierLotCode IN $lotCodes OR l.lotNumber IN $lotCodes)
  AND ($skus IS NULL OR l.productSku IN $skus)
  AND (NOT $ftlOnly OR l.productSku IN $ftlSkus)
MATCH (s:Shipment {id: r.shipmentId})
OPTIONAL MATCH (b:Batch)-[:PRODUCED]->(l)
RETURN s.id AS shipmentId, l.code AS lotCode, coalesce(l.supplierLotCode, l.lotNumber, l.code) AS tlc,
       r.quantity AS quantity, r.unit AS unit, l.productSku AS sku, l.productName AS productName,
       c.name AS customerName, c.locationId AS recipientId, s.fromLocationId AS shippedFromId,
       r.shippedAt.epochMillis AS atMs, coalesce(b.locationId, l.tlcSourceLocationId) AS tlcSourceId,
       CASE WHEN b IS NULL THEN l.tlcSourceReference ELSE null END AS tlcSourceReference,
       s.referenceDocumentType AS referenceDocumentType, s.referenceDocument AS referenceDocument
ORDER BY r.shippedAt, s.id, r.line
SKIP $offset LIMIT $limit
