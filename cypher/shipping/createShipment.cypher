// createShipment: writes a shipment, one SHIPPED_TO edge per line, and the shipped lots' new
// on-hand quantities (computed by the caller under the locks of lockLots), in one statement.
// Params:  $shipment: {id, customerId, shippedAt (ISO), referenceDocument, inputHash, fromLocationId, referenceDocumentType}
//          $lines: [{line, lotCode, amount, unit, base}]
//          $debits: [{lotCode, onHandBase, onHand}]
// Returns: shipment{.*, customerId}
MATCH (c:Customer {id: $shipment.customerId})
CREATE (s:Shipment {
  id: $shipment.id,
  shippedAt: datetime($shipment.shippedAt),
  referenceDocument: $shipment.referenceDocument,
  inputHash: $shipment.inputHash,
  fromLocationId: $shipment.fromLocationId,
  referenceDocumentType: $shipment.referenceDocumentType,
  recordedAt: datetime()
})-[:TO]->(c)
WITH s, c
CALL (s, c) {
  UNWIND $lines AS line
  MATCH (l:Lot {code: line.lotCode})
  CREATE (l)-[:SHIPPED_TO {
    shipmentId: s.id, line: toInteger(line.line), quantity: line.amount, unit: line.unit,
    quantityBase: line.base, shippedAt: s.shippedAt
  }]->(c)
}
CALL (s) {
  UNWIND $debits AS d
  MATCH (l:Lot {code: d.lotCode})
  SET l.onHandBase = d.onHandBase, l.onHand = d.onHand
  REMOVE l._lock
}
RETURN s {.*, customerId: c.id} AS shipment
