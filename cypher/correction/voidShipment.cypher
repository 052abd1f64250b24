// voidShipment: takes a shipment out of the current records, keeping it: it becomes a
// VoidedShipment, its TO and SHIPPED_TO edges VOIDED_ ones marked with the correction (the lots'
// on-hand is recomputed after).
// Params:  $id: String, $void: {id, reason}
// Returns: nothing
MATCH (s:Shipment {id: $id})-[t:TO]->(c:Customer)
CALL (s, c) {
  MATCH (l:Lot)-[r:SHIPPED_TO]->(c)
  WHERE r.shipmentId = s.id
  CREATE (l)-[v:VOIDED_SHIPPED_TO]->(c)
  SET v = properties(r), v.voidId = $void.id
  DELETE r
}
CREATE (s)-[v:VOIDED_TO]->(c)
SET v = properties(t), v.voidId = $void.id
DELETE t
REMOVE s:Shipment, s._lock
SET s:VoidedShipment, s.voidId = $void.id, s.voidedAt = datetime(), s.voidReason = $void.reason
