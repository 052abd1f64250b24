// createReceivedLots: writes many received lots with their SUPPLIED edges (bulk import).
// Params:  $rows: [{code, productSku, productName, supplierId, supplierLotCode, amount, unit, base,
//                   receivedAt (ISO), referenceDocument, countCode, inputHash}]
// Returns: nothing
UNWIND $rows AS lot
MATCH (s:Supplier {id: lot.supplierId})
WITH s, lot, datetime(lot.receivedAt) AS receivedAt
CREATE (s)-[:SUPPLIED {
  receivedAt: receivedAt, quantity: lot.amount, unit: lot.unit, referenceDocument: lot.referenceDocument
}]->(:Lot {
  code: lot.code, productSku: lot.productSku, productName: lot.productName, supplierLotCode: lot.supplierLotCode,
  quantity: lot.amount, unit: lot.unit, quantityBase: lot.base, onHand: lot.amount, onHandBase: lot.base,
  status: 'AVAILABLE', receivedAt: receivedAt, referenceDocument: lot.referenceDocument,
  referenceDocumentType: lot.referenceDocumentType, receivedAtLocationId: lot.receivedAtLocationId,
  tlcSourceLocationId: lot.tlcSourceLocationId, tlcSourceReference: lot.tlcSourceReference,
  countCode: lot.countCode, inputHash: lot.inputHash, recordedAt: datetime()
})
