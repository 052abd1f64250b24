// shipmentLinesByLotCodes: every shipment line of each lot, oldest first, for DataLoader.
// Params:  $codes: [String]
// Returns: code, shipmentId, line, amount, unit, customerId, shippedAt; one row per SHIPPED_TO edge
UNWIND $codes AS code
MATCH (:Lot {code: code})-[r:SHIPPED_TO]->(c:Customer)
RETURN code, r.shipmentId AS shipmentId, r.line AS line, r.quantity AS amount, r.unit AS unit,
       c.id AS customerId, r.shippedAt AS shippedAt
ORDER BY r.shippedAt, r.shipmentId, r.line
