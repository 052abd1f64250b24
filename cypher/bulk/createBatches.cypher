// createBatches: writes many batches with their output lots and PRODUCED edges, then every
// CONSUMED_IN edge (bulk import). All outputs of the call exist before any input is matched, so
// a batch may consume a lot that another batch of the same call produced. On-hand quantities are
// set by setOnHand. Rows come as one list per field (see createReceivedLots): the outputs of all
// batches in one run of lists, batch i's from $batches.firstOutput[i], outputCount[i] of them.
// Params:  $batches: {code, producedAt, inputHash, locationId, referenceDocumentType, referenceDocument,
//                     firstOutput, outputCount}, each a list
//          $outputs: {line, lotCode, productSku, productName, amount, unit, base, countCode, lotNumber}, each a list
//          $inputs: {batchCode, line, lotCode, amount, unit, base}, each a list
// Returns: nothing
CALL () {
  WITH $batches AS c, $outputs AS o
  UNWIND range(0, size(c.code) - 1) AS i
  CREATE (b:Batch {code: c.code[i], producedAt: datetime(c.producedAt[i]), inputHash: c.inputHash[i], recordedAt: datetime(),
    locationId: c.locationId[i], referenceDocumentType: c.referenceDocumentType[i], referenceDocument: c.referenceDocument[i]})
  WITH b, o, toInteger(c.firstOutput[i]) AS first, toInteger(c.outputCount[i]) AS n
  UNWIND range(first, first + n - 1) AS j
  CREATE (b)-[:PRODUCED {line: toInteger(o.line[j]), quantity: o.amount[j], unit: o.unit[j]}]->(:Lot {
    code: o.lotCode[j], productSku: o.productSku[j], productName: o.productName[j], quantity: o.amount[j], unit: o.unit[j],
    quantityBase: o.base[j], onHand: o.amount[j], onHandBase: o.base[j], status: 'AVAILABLE',
    producedAt: b.producedAt, recordedAt: b.recordedAt, countCode: o.countCode[j], lotNumber: o.lotNumber[j]
  })
}
CALL () {
  WITH $inputs AS c
  UNWIND range(0, size(c.lotCode) - 1) AS i
  MATCH (b:Batch {code: c.batchCode[i]})
  MATCH (l:Lot {code: c.lotCode[i]})
  CREATE (l)-[:CONSUMED_IN {line: toInteger(c.line[i]), quantity: c.amount[i], unit: c.unit[i], quantityBase: c.base[i]}]->(b)
}
