// shipmentsByIds: batch lookup for DataLoader.
// Params:  $ids: [String]
//          $scope: {customerId, supplierId}|null (a partner key's scope: only what it may see)
// Returns: id, shipment{.*, customerId}; missing ids are omitted
UNWIND $ids AS id
MATCH (s:Shipment {id: id})-[:TO]->(c:Customer)
WHERE $scope IS NULL OR c.id = $scope.customerId
RETURN id, s {.*, customerId: c.id} AS shipment
