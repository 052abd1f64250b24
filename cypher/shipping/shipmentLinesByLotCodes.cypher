// shipmentLinesByLotCodes: every shipment line of each lot, for DataLoader. Lean on purpose
// (a trace asks for thousands): no Shipment node look-up, no sort (the caller sorts), the
// instant as epoch milliseconds.
// Params:  $codes: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: code, shipmentId, line, amount, unit, customerId, customerName, customerLocation, shippedAtMs; one row per SHIPPED_TO edge
UNWIND $codes AS code
MATCH (:Lot {code: code})-[r:SHIPPED_TO]->(c:Customer)
WHERE $scope IS NULL OR c.id = $scope.customerId
RETURN code, r.shipmentId AS shipmentId, r.line AS line, r.quantity AS amount, r.unit AS unit,
       c.id AS customerId, c.name AS customerName, c.location AS customerLocation,
       r.shippedAt.epochMillis AS shippedAtMs
