// createBatches: writes many batches with their output lots and PRODUCED edges, then every
// CONSUMED_IN edge (bulk import). All outputs of the call exist before any input is matched, so
// a batch may consume a lot that another batch of the same call produced. On-hand quantities are
// set by setOnHand.
// Params:  $rows: [{batch: {code, producedAt, inputHash}, outputs: [{line, lotCode, productSku, productName, amount, unit, base, countCode, lotNumber}]}]
//          $inputs: [{batchCode, line, lotCode, amount, unit, base}]
// Returns: nothing
CALL () {
  UNWIND $rows AS row
  CREATE (b:Batch {code: row.batch.code, producedAt: datetime(row.batch.producedAt), inputHash: row.batch.inputHash, recordedAt: datetime(),
    locationId: row.batch.locationId, referenceDocumentType: row.batch.referenceDocumentType, referenceDocument: row.batch.referenceDocument})
  WITH b, row
  UNWIND row.outputs AS o
  CREATE (b)-[:PRODUCED {line: toInteger(o.line), quantity: o.amount, unit: o.unit}]->(:Lot {
    code: o.lotCode, productSku: o.productSku, productName: o.productName, quantity: o.amount, unit: o.unit,
    quantityBase: o.base, onHand: o.amount, onHandBase: o.base, status: 'AVAILABLE',
    producedAt: b.producedAt, recordedAt: b.recordedAt, countCode: o.countCode, lotNumber: o.lotNumber
  })
}
CALL () {
  UNWIND $inputs AS input
  MATCH (b:Batch {code: input.batchCode})
  MATCH (l:Lot {code: input.lotCode})
  CREATE (l)-[:CONSUMED_IN {line: toInteger(input.line), quantity: input.amount, unit: input.unit, quantityBase: input.base}]->(b)
}
