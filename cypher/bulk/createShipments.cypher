// createShipments: writes many shipments and their SHIPPED_TO edges (bulk import). On-hand
// quantities are set by setOnHand. Rows come as one list per field (see createReceivedLots): the
// lines of all shipments in one run of lists, shipment i's from $shipments.firstLine[i], lineCount[i] of them.
// Params:  $shipments: {id, customerId, shippedAt, referenceDocument, inputHash, fromLocationId,
//                       referenceDocumentType, firstLine, lineCount}, each a list
//          $lines: {line, lotCode, amount, unit, base}, each a list
// Returns: nothing
WITH $shipments AS c, $lines AS l
UNWIND range(0, size(c.id) - 1) AS i
MATCH (customer:Customer {id: c.customerId[i]})
CREATE (s:Shipment {
  id: c.id[i], shippedAt: datetime(c.shippedAt[i]), referenceDocument: c.referenceDocument[i],
  inputHash: c.inputHash[i], recordedAt: datetime(),
  fromLocationId: c.fromLocationId[i], referenceDocumentType: c.referenceDocumentType[i]
})-[:TO]->(customer)
WITH s, customer, l, toInteger(c.firstLine[i]) AS first, toInteger(c.lineCount[i]) AS n
UNWIND range(first, first + n - 1) AS j
MATCH (lot:Lot {code: l.lotCode[j]})
CREATE (lot)-[:SHIPPED_TO {
  shipmentId: s.id, line: toInteger(l.line[j]), quantity: l.amount[j], unit: l.unit[j], quantityBase: l.base[j], shippedAt: s.shippedAt
}]->(customer)
