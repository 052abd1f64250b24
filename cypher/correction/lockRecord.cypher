// lockRecord: takes the write lock on the record a correction is about to void, and on the lots it
// made, before what depends on them is read (voidPreview), so that a concurrent consumption or
// shipment of those lots queues behind the correction. The dummy property is removed by the void
// statement in the same transaction.
// Params:  $kind: 'RECEIPT' | 'PRODUCTION' | 'SHIPMENT', $id: String (lot code, batch code, shipment id)
// Returns: nothing
CALL () {
  MATCH (l:Lot {code: $id})
  WHERE $kind = 'RECEIPT'
  SET l._lock = true
}
CALL () {
  MATCH (b:Batch {code: $id})
  WHERE $kind = 'PRODUCTION'
  SET b._lock = true
  WITH b
  MATCH (b)-[:PRODUCED]->(o:Lot)
  SET o._lock = true
}
CALL () {
  MATCH (s:Shipment {id: $id})
  WHERE $kind = 'SHIPMENT'
  SET s._lock = true
}
