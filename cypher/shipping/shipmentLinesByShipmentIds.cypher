// shipmentLinesByShipmentIds: the lines of each shipment, for DataLoader (the caller sorts them).
// Params:  $ids: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: shipmentId, line, lotCode, amount, unit, customerId, customerName, customerLocation, shippedAtMs
UNWIND $ids AS id
MATCH (l:Lot)-[r:SHIPPED_TO {shipmentId: id}]->(c:Customer)
WHERE $scope IS NULL OR c.id = $scope.customerId
RETURN id AS shipmentId, r.line AS line, l.code AS lotCode, r.quantity AS amount, r.unit AS unit,
       c.id AS customerId, c.name AS customerName, c.location AS customerLocation,
       r.shippedAt.epochMillis AS shippedAtMs
