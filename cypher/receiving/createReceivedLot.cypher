// createReceivedLot: writes a received lot and its SUPPLIED edge from the supplier.
// Params:  $lot: {code, productSku, productName, supplierId, supplierLotCode, amount, unit, base,
//                 receivedAt (ISO), referenceDocument, referenceDocumentType, receivedAtLocationId,
//                 tlcSourceLocationId, tlcSourceReference, inputHash}
// Returns: lot{.*}
MATCH (s:Supplier {id: $lot.supplierId})
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
RETURN l {.*} AS lot
