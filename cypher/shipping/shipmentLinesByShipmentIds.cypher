// shipmentLinesByShipmentIds: the lines of each shipment, in the order they were given.
// Params:  $ids: [String]
// Returns: shipmentId, line, lotCode, amount, unit, customerId, shippedAt, shipment{.*, customerId}
UNWIND $ids AS id
MATCH (s:Shipment {id: id})
MATCH (l:Lot)-[r:SHIPPED_TO {shipmentId: id}]->(c:Customer)
RETURN id AS shipmentId, r.line AS line, l.code AS lotCode, r.quantity AS amount, r.unit AS unit,
       c.id AS customerId, r.shippedAt AS shippedAt, s {.*, customerId: c.id} AS shipment
ORDER BY r.line
