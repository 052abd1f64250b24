// createShipments: writes many shipments and their SHIPPED_TO edges (bulk import). On-hand
// quantities are set by setOnHand.
// Params:  $rows: [{shipment: {id, customerId, shippedAt, referenceDocument, inputHash},
//                   lines: [{line, lotCode, amount, unit, base}]}]
// Returns: nothing
UNWIND $rows AS row
MATCH (c:Customer {id: row.shipment.customerId})
CREATE (s:Shipment {
  id: row.shipment.id, shippedAt: datetime(row.shipment.shippedAt), referenceDocument: row.shipment.referenceDocument,
  inputHash: row.shipment.inputHash, recordedAt: datetime(),
  fromLocationId: row.shipment.fromLocationId, referenceDocumentType: row.shipment.referenceDocumentType
})-[:TO]->(c)
WITH s, c, row
UNWIND row.lines AS line
MATCH (l:Lot {code: line.lotCode})
CREATE (l)-[:SHIPPED_TO {
  shipmentId: s.id, line: toInteger(line.line), quantity: line.amount, unit: line.unit, quantityBase: line.base, shippedAt: s.shippedAt
}]->(c)
