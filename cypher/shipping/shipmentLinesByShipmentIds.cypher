// shipmentLinesByShipmentIds: the lines of each shipment, for DataLoader (the caller sorts them).
// Params:  $ids: [String]
// Returns: shipmentId, line, lotCode, amount, unit, customerId, customerName, customerLocation, shippedAtMs
UNWIND $ids AS id
MATCH (l:Lot)-[r:SHIPPED_TO {shipmentId: id}]->(c:Customer)
RETURN id AS shipmentId, r.line AS line, l.code AS lotCode, r.quantity AS amount, r.unit AS unit,
       c.id AS customerId, c.name AS customerName, c.location AS customerLocation,
       r.shippedAt.epochMillis AS shippedAtMs
