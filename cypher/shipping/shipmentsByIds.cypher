// shipmentsByIds: batch lookup for DataLoader.
// Params:  $ids: [String]
// Returns: id, shipment{.*, customerId}; missing ids are omitted
UNWIND $ids AS id
MATCH (s:Shipment {id: id})-[:TO]->(c:Customer)
RETURN id, s {.*, customerId: c.id} AS shipment
