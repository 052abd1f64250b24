// transformationRecords: the Key Data Elements of each transformation (21 CFR 1.1350) in a date
// range, one row per input lot and new lot, oldest first, streamed. Filters and ids as
// receivingRecords, matching either the input or the new lot.
// Params:  $from, $to: String (ISO); $lotCodes, $skus: [String]|null; $ftlOnly: Boolean;
//          $ftlSkus: [String]; $offset, $limit: Integer
// Returns: one row per (input lot, new lot) of each batch
MATCH (b:Batch)
WHERE b.producedAt >= datetime($from) AND b.producedAt <= datetime($to)
MATCH (b)-[o:PRODUCED]->(out:Lot)
MATCH (in:Lot)-[c:CONSUMED_IN]->(b)
WHERE ($lotCodes IS NULL OR out.code IN $lotCodes OR in.code IN $lotCodes OR in.supplierLotCode IN $lotCodes OR out.lotNumber IN $lotCodes OR in.lotNumber IN $lotCodes)
  AND ($skus IS NULL OR out.productSku IN $skus OR in.productSku IN $skus)
  AND (NOT $ftlOnly OR out.productSku IN $ftlSkus OR in.productSku IN $ftlSkus)
RETURN b.code AS batchCode, coalesce(in.supplierLotCode, in.lotNumber, in.code) AS inputTlc,
       in.productSku AS inputSku, in.productName AS inputProductName, c.quantity AS inputQuantity, c.unit AS inputUnit,
       coalesce(out.lotNumber, out.code) AS newTlc, b.locationId AS locationId, b.producedAt.epochMillis AS atMs,
       out.productSku AS newSku, out.productName AS newProductName, o.quantity AS newQuantity, o.unit AS newUnit,
       b.referenceDocumentType AS referenceDocumentType, b.referenceDocument AS referenceDocument
ORDER BY b.producedAt, b.code, c.line, o.line
SKIP $offset LIMIT $limit
