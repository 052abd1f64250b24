// createBatches: writes many batches, their CONSUMED_IN and PRODUCED edges and output lots
// (bulk import). Rows are written one after another, so a row may consume a lot that an
// earlier row of the same call produced. On-hand quantities are set at the end of the import.
// Params:  $rows: [{batch: {code, producedAt, inputHash}, inputs: [{line, lotCode, amount, unit, base}],
//                   outputs: [{line, lotCode, productSku, productName, amount, unit, base}]}]
// Returns: nothing
UNWIND $rows AS row
CALL (row) {
  CREATE (b:Batch {code: row.batch.code, producedAt: datetime(row.batch.producedAt), inputHash: row.batch.inputHash, recordedAt: datetime()})
  WITH b
  CALL (b, row) {
    UNWIND row.outputs AS o
    CREATE (b)-[:PRODUCED {line: o.line, quantity: o.amount, unit: o.unit}]->(:Lot {
      code: o.lotCode, productSku: o.productSku, productName: o.productName, quantity: o.amount, unit: o.unit,
      quantityBase: o.base, onHand: o.amount, onHandBase: o.base, status: 'AVAILABLE',
      producedAt: b.producedAt, recordedAt: b.recordedAt
    })
  }
  WITH b
  UNWIND row.inputs AS input
  MATCH (l:Lot {code: input.lotCode})
  CREATE (l)-[:CONSUMED_IN {line: input.line, quantity: input.amount, unit: input.unit, quantityBase: input.base}]->(b)
}
