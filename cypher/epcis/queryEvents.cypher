// queryEvents: the events lotgraph knows, oldest first, for the EPCIS query interface and export:
// events captured as they came (EpcisEvent), and lotgraph's own records made otherwise (through
// GraphQL, a bulk or spreadsheet import), each record with what its event is written from. A
// record captured from EPCIS answers as the event that recorded it; a record voided by a correction
// answers with what the error declaration says (record.voided).
// Params:  $from, $to: String (ISO; $to excluded); $types, $bizSteps: [String]|null;
//          $lotCodes: [String]|null (records naming one of these lots), $epcClasses: [String]|null
//          (captured events naming one of these classes, canonical form); both null: no filter;
//          $scope: {customerId, supplierId}|null (a partner: only its shipments or receipts);
//          $after: {t: ISO, key}|null (the page before ended there); $limit: Integer
// Returns: at (ISO, at full precision: a page ends there), key, kind ('captured' | 'receipt' | 'batch' | 'shipment'), body (captured: JSON text),
//          record (else; for a captured event, its error declaration as JSON text where one voided what it recorded)
CALL () {
  MATCH (e:EpcisEvent)
  WHERE e.eventTime >= datetime($from) AND e.eventTime < datetime($to)
    AND ($types IS NULL OR e.type IN $types) AND ($bizSteps IS NULL OR e.bizStep IN $bizSteps)
    AND (($lotCodes IS NULL AND $epcClasses IS NULL) OR any(c IN coalesce(e.epcClasses, []) WHERE c IN coalesce($epcClasses, [])))
    AND ($scope IS NULL
      OR EXISTS { (e)-[:RECORDED_AS]->(:Shipment)-[:TO]->(:Customer {id: $scope.customerId}) }
      OR EXISTS { (e)-[:RECORDED_AS]->(:Lot)<-[:SUPPLIED]-(:Supplier {id: $scope.supplierId}) })
  RETURN e.eventTime AS t, e.eventId AS key, 'captured' AS kind, e.body AS body, {errorDeclaration: e.errorDeclaration} AS record
  UNION ALL
  MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot)
  WHERE l.receivedAt >= datetime($from) AND l.receivedAt < datetime($to)
    AND ($types IS NULL OR 'ObjectEvent' IN $types) AND ($bizSteps IS NULL OR 'receiving' IN $bizSteps)
    AND ($lotCodes IS NULL OR l.code IN $lotCodes) AND ($lotCodes IS NOT NULL OR $epcClasses IS NULL)
    AND ($scope IS NULL OR s.id = $scope.supplierId)
    AND NOT EXISTS { (:EpcisEvent)-[:RECORDED_AS]->(l) }
  OPTIONAL MATCH (p:Product {sku: l.productSku})
  OPTIONAL MATCH (at:Location {id: l.receivedAtLocationId})
  OPTIONAL MATCH (src:Location {id: l.tlcSourceLocationId})
  OPTIONAL MATCH (site:Location {id: s.locationId})
  RETURN l.receivedAt AS t, 'receipt:' + l.code AS key, 'receipt' AS kind, null AS body, {
    lot: l {.code, .productSku, .productName, .supplierLotCode, .lotNumber, .unit, .countCode, gtin: p.gtin},
    quantity: l.quantity, at: toString(l.receivedAt), version: l.inputHash, supplier: s {.id, .gln}, location: at {.id, .gln}, tlcSource: src {.id, .gln},
    supplierSite: site {.id, .gln}, tlcSourceReference: l.tlcSourceReference,
    referenceDocument: l.referenceDocument, referenceDocumentType: l.referenceDocumentType
  } AS record
  UNION ALL
  MATCH (b:Batch)
  WHERE b.producedAt >= datetime($from) AND b.producedAt < datetime($to)
    AND ($types IS NULL OR 'TransformationEvent' IN $types) AND ($bizSteps IS NULL OR 'commissioning' IN $bizSteps)
    AND $scope IS NULL AND ($lotCodes IS NOT NULL OR $epcClasses IS NULL)
    AND ($lotCodes IS NULL OR EXISTS { (b)-[:PRODUCED]->(o:Lot) WHERE o.code IN $lotCodes } OR EXISTS { (i:Lot)-[:CONSUMED_IN]->(b) WHERE i.code IN $lotCodes })
    AND NOT EXISTS { (:EpcisEvent)-[:RECORDED_AS]->(b) }
  OPTIONAL MATCH (at:Location {id: b.locationId})
  CALL (b) {
    MATCH (i:Lot)-[c:CONSUMED_IN]->(b)
    OPTIONAL MATCH (p:Product {sku: i.productSku})
    WITH c, i, p ORDER BY c.line
    RETURN collect({lot: i {.code, .productSku, .productName, .supplierLotCode, .lotNumber, .unit, .countCode, gtin: p.gtin}, quantity: c.quantity, unit: c.unit}) AS inputs
  }
  CALL (b) {
    MATCH (b)-[o:PRODUCED]->(l:Lot)
    OPTIONAL MATCH (p:Product {sku: l.productSku})
    WITH o, l, p ORDER BY o.line
    RETURN collect({lot: l {.code, .productSku, .productName, .supplierLotCode, .lotNumber, .unit, .countCode, gtin: p.gtin}, quantity: o.quantity, unit: o.unit}) AS outputs
  }
  RETURN b.producedAt AS t, 'batch:' + b.code AS key, 'batch' AS kind, null AS body, {
    code: b.code, at: toString(b.producedAt), version: b.inputHash, location: at {.id, .gln}, inputs: inputs, outputs: outputs,
    referenceDocument: b.referenceDocument, referenceDocumentType: b.referenceDocumentType
  } AS record
  UNION ALL
  MATCH (sh:Shipment)-[:TO]->(c:Customer)
  WHERE sh.shippedAt >= datetime($from) AND sh.shippedAt < datetime($to)
    AND ($types IS NULL OR 'ObjectEvent' IN $types) AND ($bizSteps IS NULL OR 'shipping' IN $bizSteps)
    AND ($scope IS NULL OR c.id = $scope.customerId) AND ($lotCodes IS NOT NULL OR $epcClasses IS NULL)
    AND ($lotCodes IS NULL OR EXISTS { MATCH (l:Lot)-[r:SHIPPED_TO]->(c) WHERE r.shipmentId = sh.id AND l.code IN $lotCodes })
    AND NOT EXISTS { (:EpcisEvent)-[:RECORDED_AS]->(sh) }
  OPTIONAL MATCH (from:Location {id: sh.fromLocationId})
  OPTIONAL MATCH (to:Location {id: c.locationId})
  CALL (sh, c) {
    MATCH (l:Lot)-[r:SHIPPED_TO]->(c) WHERE r.shipmentId = sh.id
    OPTIONAL MATCH (p:Product {sku: l.productSku})
    OPTIONAL MATCH (made:Batch)-[:PRODUCED]->(l)
    OPTIONAL MATCH (src:Location {id: coalesce(made.locationId, l.tlcSourceLocationId)})
    WITH r, l, p, src, made ORDER BY r.line
    RETURN collect({
      lot: l {.code, .productSku, .productName, .supplierLotCode, .lotNumber, .unit, .countCode, gtin: p.gtin}, quantity: r.quantity, unit: r.unit,
      tlcSource: src {.id, .gln}, tlcSourceReference: CASE WHEN made IS NULL THEN l.tlcSourceReference END
    }) AS lines
  }
  RETURN sh.shippedAt AS t, 'shipment:' + sh.id AS key, 'shipment' AS kind, null AS body, {
    id: sh.id, at: toString(sh.shippedAt), version: sh.inputHash, location: from {.id, .gln}, customer: c {.id, .gln}, customerSite: to {.id, .gln}, lines: lines,
    referenceDocument: sh.referenceDocument, referenceDocumentType: sh.referenceDocumentType
  } AS record
  UNION ALL
  // Records voided by a correction answer as their events with an error declaration (what replaced
  // them: correctiveEventIDs), so that a partner who pulled the event learns it was wrong.
  MATCH (s:Supplier)-[:VOIDED_SUPPLIED]->(l:VoidedLot)<-[:VOIDED]-(corr:Correction)
  WHERE l.receivedAt >= datetime($from) AND l.receivedAt < datetime($to)
    AND ($types IS NULL OR 'ObjectEvent' IN $types) AND ($bizSteps IS NULL OR 'receiving' IN $bizSteps)
    AND ($lotCodes IS NULL OR l.code IN $lotCodes) AND ($lotCodes IS NOT NULL OR $epcClasses IS NULL)
    AND ($scope IS NULL OR s.id = $scope.supplierId)
    AND NOT EXISTS { (:EpcisEvent)-[:RECORDED_AS]->(l) }
  OPTIONAL MATCH (p:Product {sku: l.productSku})
  OPTIONAL MATCH (at:Location {id: l.receivedAtLocationId})
  OPTIONAL MATCH (src:Location {id: l.tlcSourceLocationId})
  OPTIONAL MATCH (site:Location {id: s.locationId})
  OPTIONAL MATCH (now:Lot {code: corr.replacedBy})
  RETURN l.receivedAt AS t, 'receipt:' + l.code + ':void:' + corr.id AS key, 'receipt' AS kind, null AS body, {
    lot: l {.code, .productSku, .productName, .supplierLotCode, .lotNumber, .unit, .countCode, gtin: p.gtin},
    quantity: l.quantity, at: toString(l.receivedAt), version: l.inputHash, supplier: s {.id, .gln}, location: at {.id, .gln}, tlcSource: src {.id, .gln},
    supplierSite: site {.id, .gln}, tlcSourceReference: l.tlcSourceReference,
    referenceDocument: l.referenceDocument, referenceDocumentType: l.referenceDocumentType,
    voided: corr {at: toString(corr.at), .reason, replacedBy: now.code, replacedVersion: now.inputHash}
  } AS record
  UNION ALL
  MATCH (b:VoidedBatch)<-[:VOIDED]-(corr:Correction)
  WHERE b.producedAt >= datetime($from) AND b.producedAt < datetime($to)
    AND ($types IS NULL OR 'TransformationEvent' IN $types) AND ($bizSteps IS NULL OR 'commissioning' IN $bizSteps)
    AND $scope IS NULL AND ($lotCodes IS NOT NULL OR $epcClasses IS NULL)
    AND ($lotCodes IS NULL OR EXISTS { (b)-[:VOIDED_PRODUCED]->(o) WHERE o.code IN $lotCodes } OR EXISTS { (i)-[:VOIDED_CONSUMED_IN]->(b) WHERE i.code IN $lotCodes })
    AND NOT EXISTS { (:EpcisEvent)-[:RECORDED_AS]->(b) }
  OPTIONAL MATCH (at:Location {id: b.locationId})
  OPTIONAL MATCH (now:Batch {code: corr.replacedBy})
  CALL (b) {
    MATCH (i)-[c:VOIDED_CONSUMED_IN]->(b)
    OPTIONAL MATCH (p:Product {sku: i.productSku})
    WITH c, i, p ORDER BY c.line
    RETURN collect({lot: i {.code, .productSku, .productName, .supplierLotCode, .lotNumber, .unit, .countCode, gtin: p.gtin}, quantity: c.quantity, unit: c.unit}) AS inputs
  }
  CALL (b) {
    MATCH (b)-[o:VOIDED_PRODUCED]->(l)
    OPTIONAL MATCH (p:Product {sku: l.productSku})
    WITH o, l, p ORDER BY o.line
    RETURN collect({lot: l {.code, .productSku, .productName, .supplierLotCode, .lotNumber, .unit, .countCode, gtin: p.gtin}, quantity: o.quantity, unit: o.unit}) AS outputs
  }
  RETURN b.producedAt AS t, 'batch:' + b.code + ':void:' + corr.id AS key, 'batch' AS kind, null AS body, {
    code: b.code, at: toString(b.producedAt), version: b.inputHash, location: at {.id, .gln}, inputs: inputs, outputs: outputs,
    referenceDocument: b.referenceDocument, referenceDocumentType: b.referenceDocumentType,
    voided: corr {at: toString(corr.at), .reason, replacedBy: now.code, replacedVersion: now.inputHash}
  } AS record
  UNION ALL
  MATCH (sh:VoidedShipment)-[:VOIDED_TO]->(c:Customer), (sh)<-[:VOIDED]-(corr:Correction)
  WHERE sh.shippedAt >= datetime($from) AND sh.shippedAt < datetime($to)
    AND ($types IS NULL OR 'ObjectEvent' IN $types) AND ($bizSteps IS NULL OR 'shipping' IN $bizSteps)
    AND ($scope IS NULL OR c.id = $scope.customerId) AND ($lotCodes IS NOT NULL OR $epcClasses IS NULL)
    AND ($lotCodes IS NULL OR EXISTS { MATCH (l)-[r:VOIDED_SHIPPED_TO]->(c) WHERE r.voidId = sh.voidId AND l.code IN $lotCodes })
    AND NOT EXISTS { (:EpcisEvent)-[:RECORDED_AS]->(sh) }
  OPTIONAL MATCH (from:Location {id: sh.fromLocationId})
  OPTIONAL MATCH (to:Location {id: c.locationId})
  OPTIONAL MATCH (now:Shipment {id: corr.replacedBy})
  CALL (sh, c) {
    MATCH (l)-[r:VOIDED_SHIPPED_TO]->(c) WHERE r.voidId = sh.voidId
    OPTIONAL MATCH (p:Product {sku: l.productSku})
    OPTIONAL MATCH (made:Batch)-[:PRODUCED]->(l)
    OPTIONAL MATCH (src:Location {id: coalesce(made.locationId, l.tlcSourceLocationId)})
    WITH r, l, p, src, made ORDER BY r.line
    RETURN collect({
      lot: l {.code, .productSku, .productName, .supplierLotCode, .lotNumber, .unit, .countCode, gtin: p.gtin}, quantity: r.quantity, unit: r.unit,
      tlcSource: src {.id, .gln}, tlcSourceReference: CASE WHEN made IS NULL THEN l.tlcSourceReference END
    }) AS lines
  }
  RETURN sh.shippedAt AS t, 'shipment:' + sh.id + ':void:' + corr.id AS key, 'shipment' AS kind, null AS body, {
    id: sh.id, at: toString(sh.shippedAt), version: sh.inputHash, location: from {.id, .gln}, customer: c {.id, .gln}, customerSite: to {.id, .gln}, lines: lines,
    referenceDocument: sh.referenceDocument, referenceDocumentType: sh.referenceDocumentType,
    voided: corr {at: toString(corr.at), .reason, replacedBy: now.id, replacedVersion: now.inputHash}
  } AS record
}
WITH t, key, kind, body, record
WHERE $after IS NULL OR t > datetime($after.t) OR (t = datetime($after.t) AND key > $after.key)
RETURN toString(t) AS at, key, kind, body, record
ORDER BY t, key
LIMIT toInteger($limit)
