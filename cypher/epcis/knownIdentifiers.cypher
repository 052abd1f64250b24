// knownIdentifiers: what the database holds of the identifiers an EPCIS document names, before
// the document is mapped: places and parties by GLN, products by GTIN, lots by GTIN and lot
// number or by code, places by lotgraph id, the last declared contents of pallets by SSCC, and events captured before.
// Params:  $glns: [String], $locationIds: [String], $gtins: [String], $tlcs: [{gtin, lot}], $lotCodes: [String], $ssccs: [String], $eventIds: [String]
// Returns: kind, key, id, own, name, inputHash, contents; one row per thing found (for an event: own is
//          whether an error was declared of it, contents the records it made as 'KIND id')
CALL () {
  UNWIND $glns AS gln
  MATCH (l:Location {gln: gln})
  RETURN 'location' AS kind, gln AS key, l.id AS id, coalesce(l.own, false) AS own, null AS name, null AS inputHash, null AS contents
  UNION ALL
  UNWIND $locationIds AS id
  MATCH (l:Location {id: id})
  RETURN 'locationId' AS kind, id AS key, l.id AS id, coalesce(l.own, false) AS own, null AS name, null AS inputHash, null AS contents
  UNION ALL
  UNWIND $glns AS gln
  MATCH (s:Supplier {gln: gln})
  RETURN 'supplier' AS kind, gln AS key, s.id AS id, null AS own, null AS name, null AS inputHash, null AS contents
  UNION ALL
  UNWIND $glns AS gln
  MATCH (c:Customer {gln: gln})
  RETURN 'customer' AS kind, gln AS key, c.id AS id, null AS own, null AS name, null AS inputHash, null AS contents
  UNION ALL
  UNWIND $gtins AS gtin
  MATCH (p:Product {gtin: gtin})
  RETURN 'product' AS kind, gtin AS key, p.sku AS id, null AS own, p.name AS name, null AS inputHash, null AS contents
  UNION ALL
  UNWIND $tlcs AS tlc
  // By the indexed lot number first (a product may have a year of lots), then its product's GTIN.
  CALL (tlc) {
    MATCH (l:Lot {supplierLotCode: tlc.lot}) RETURN l
    UNION
    MATCH (l:Lot {lotNumber: tlc.lot}) RETURN l
    UNION
    MATCH (l:Lot {code: tlc.lot}) RETURN l
  }
  MATCH (p:Product {sku: l.productSku})
  WHERE p.gtin = tlc.gtin AND coalesce(l.supplierLotCode, l.lotNumber, l.code) = tlc.lot
  RETURN 'tlc' AS kind, tlc.gtin + '|' + tlc.lot AS key, l.code AS id, null AS own, null AS name, l.inputHash AS inputHash, null AS contents
  UNION ALL
  UNWIND $lotCodes AS code
  MATCH (l:Lot {code: code})
  RETURN 'lot' AS kind, code AS key, l.code AS id, null AS own, null AS name, l.inputHash AS inputHash, null AS contents
  UNION ALL
  UNWIND $ssccs AS sscc
  CALL (sscc) {
    MATCH (e:EpcisEvent {palletSscc: sscc})
    RETURN e ORDER BY e.eventTime DESC LIMIT 1
  }
  RETURN 'pallet' AS kind, sscc AS key, e.eventId AS id, null AS own, null AS name, null AS inputHash, e.palletContents AS contents
  UNION ALL
  UNWIND $eventIds AS eventId
  MATCH (e:EpcisEvent {eventId: eventId})
  // For an event: whether an error was declared of it, and the current records it made (an error declaration voids them).
  RETURN 'event' AS kind, eventId AS key, e.eventId AS id, e.errorDeclaration IS NOT NULL AS own, null AS name, e.eventHash AS inputHash,
         COLLECT {
           MATCH (e)-[:RECORDED_AS]->(x)
           WHERE x:Lot OR x:Batch OR x:Shipment
           RETURN CASE WHEN x:Lot THEN 'RECEIPT' WHEN x:Batch THEN 'PRODUCTION' ELSE 'SHIPMENT' END + ' ' + coalesce(x.code, x.id)
         } AS contents
}
RETURN kind, key, id, own, name, inputHash, contents
