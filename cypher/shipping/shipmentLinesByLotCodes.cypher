// shipmentLinesByLotCodes: every shipment line of each lot, oldest first, with its shipment, for DataLoader.
// Params:  $codes: [String]
// Returns: code, shipmentId, line, amount, unit, customerId, shippedAt, shipment{.*, customerId}; one row per SHIPPED_TO edge
UNWIND $codes AS code
MATCH (:Lot {code: code})-[r:SHIPPED_TO]->(c:Customer)
MATCH (s:Shipment {id: r.shipmentId})
RETURN code, r.shipmentId AS shipmentId, r.line AS line, r.quantity AS amount, r.unit AS unit,
       c.id AS customerId, r.shippedAt AS shippedAt, s {.*, customerId: c.id} AS shipment
ORDER BY r.shippedAt, r.shipmentId, r.line
