// createBatch: writes a batch, a CONSUMED_IN edge per input, the output lots with their PRODUCED
// edges, and the consumed lots' new on-hand quantities (computed by the caller under the locks
// of lockLots), in one statement.
// Params:  $batch: {code, producedAt (ISO), inputHash, locationId, referenceDocumentType, referenceDocument}
//          $inputs: [{line, lotCode, amount, unit, base}]
//          $outputs: [{line, lotCode, productSku, productName, amount, unit, base}]
//          $debits: [{lotCode, onHandBase, onHand}]
// Returns: batch{.*}
CREATE (b:Batch {
  code: $batch.code,
  producedAt: datetime($batch.producedAt),
  inputHash: $batch.inputHash,
  locationId: $batch.locationId,
  referenceDocumentType: $batch.referenceDocumentType,
  referenceDocument: $batch.referenceDocument,
  recordedAt: datetime()
})
WITH b
CALL (b) {
  UNWIND $inputs AS input
  MATCH (l:Lot {code: input.lotCode})
  CREATE (l)-[:CONSUMED_IN {line: toInteger(input.line), quantity: input.amount, unit: input.unit, quantityBase: input.base}]->(b)
}
CALL (b) {
  UNWIND $outputs AS o
  CREATE (b)-[:PRODUCED {line: toInteger(o.line), quantity: o.amount, unit: o.unit}]->(:Lot {
    code: o.lotCode,
    productSku: o.productSku,
    productName: o.productName,
    quantity: o.amount,
    unit: o.unit,
    quantityBase: o.base,
    onHand: o.amount,
    onHandBase: o.base,
    status: 'AVAILABLE',
    producedAt: b.producedAt,
    recordedAt: b.recordedAt
  })
}
CALL (b) {
  UNWIND $debits AS d
  MATCH (l:Lot {code: d.lotCode})
  SET l.onHandBase = d.onHandBase, l.onHand = d.onHand
  REMOVE l._lock
}
RETURN b {.*} AS batch
