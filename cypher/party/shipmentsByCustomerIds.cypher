// shipmentsByCustomerIds: the newest shipments to each customer, for DataLoader.
// Params:  $ids: [String], $first: Integer
// Returns: id, shipments: [shipment{.*, customerId}] newest first, at most $first each
UNWIND $ids AS id
MATCH (c:Customer {id: id})
CALL (c) {
  MATCH (s:Shipment)-[:TO]->(c)
  WITH s ORDER BY s.shippedAt DESC, s.id LIMIT $first
  RETURN collect(s {.*, customerId: c.id}) AS shipments
}
RETURN id, shipments
