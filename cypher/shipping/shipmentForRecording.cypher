// shipmentForRecording: what a new shipment must know before it is written.
// Params:  $shipmentId: String, $customerId: String
// Returns: one row: existingHash (null when the id is free), idTaken, customerExists
OPTIONAL MATCH (s:Shipment {id: $shipmentId})
OPTIONAL MATCH (c:Customer {id: $customerId})
RETURN s.inputHash AS existingHash, s IS NOT NULL AS idTaken, c IS NOT NULL AS customerExists
