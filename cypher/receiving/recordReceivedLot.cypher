// recordReceivedLot: checks and writes a received lot with its SUPPLIED edge from the supplier,
// in one statement: only when the lot code is free, the supplier exists and every location
// named exists. Otherwise it writes nothing and the caller reports the first broken rule.
// Params:  $lot: {code, productSku, productName, supplierId, supplierLotCode, amount, unit, base,
//                 receivedAt (ISO), referenceDocument, referenceDocumentType, receivedAtLocationId,
//                 tlcSourceLocationId, tlcSourceReference, inputHash}
//          $locationIds: [String] (distinct)
// Returns: one row: existing (the lot already under this code, or null), supplierExists,
//          missingLocationIds, lot (null unless written)
OPTIONAL MATCH (existing:Lot {code: $lot.code})
OPTIONAL MATCH (s:Supplier {id: $lot.supplierId})
CALL () {
  UNWIND $locationIds AS id
  OPTIONAL MATCH (place:Location {id: id})
  RETURN collect(CASE WHEN place IS NULL THEN id END) AS missingLocationIds
}
OPTIONAL CALL (existing, s, missingLocationIds) {
  WITH s WHERE existing IS NULL AND s IS NOT NULL AND size(missingLocationIds) = 0
  CREATE (s)-[:SUPPLIED {
    receivedAt: datetime($lot.receivedAt), quantity: $lot.amount, unit: $lot.unit,
    referenceDocument: $lot.referenceDocument
  }]->(l:Lot {
    code: $lot.code,
    productSku: $lot.productSku,
    productName: $lot.productName,
    supplierLotCode: $lot.supplierLotCode,
    quantity: $lot.amount,
    unit: $lot.unit,
    quantityBase: $lot.base,
    onHand: $lot.amount,
    onHandBase: $lot.base,
    status: 'AVAILABLE',
    receivedAt: datetime($lot.receivedAt),
    referenceDocument: $lot.referenceDocument,
    referenceDocumentType: $lot.referenceDocumentType,
    receivedAtLocationId: $lot.receivedAtLocationId,
    tlcSourceLocationId: $lot.tlcSourceLocationId,
    tlcSourceReference: $lot.tlcSourceReference,
    inputHash: $lot.inputHash,
    recordedAt: datetime()
  })
  RETURN l
}
RETURN existing {.*} AS existing, s IS NOT NULL AS supplierExists, missingLocationIds, l {.*} AS lot
