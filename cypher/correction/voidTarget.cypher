// voidTarget: the record a correction voids, locked, with what depends on it: for a receipt its
// lot, for a production its output lots, each with the current batches that consume it, the
// shipments that ship it and the adjustments of it (a void that would leave them without their
// stock is refused). A shipment has nothing that depends on it. The lock (a dummy property) is
// removed by the void statement in the same transaction.
// Params:  $kind: 'RECEIPT' | 'PRODUCTION' | 'SHIPMENT', $id: String (lot code, batch code, shipment id)
// Returns: found (Boolean), received (for a receipt: whether the lot was received, not produced),
//          lotCodes (the lots the record names), dependents: [{lotCode, kind, id}]
CALL (*) {
  WITH * WHERE $kind = 'RECEIPT'
  OPTIONAL MATCH (l:Lot {code: $id})
  SET l._lock = true
  WITH l
  RETURN l IS NOT NULL AS found, l IS NOT NULL AND EXISTS { (:Supplier)-[:SUPPLIED]->(l) } AS received, [x IN [l] WHERE x IS NOT NULL] AS made, [x IN [l.code] WHERE x IS NOT NULL] AS lotCodes
  UNION
  WITH * WHERE $kind = 'PRODUCTION'
  OPTIONAL MATCH (b:Batch {code: $id})
  SET b._lock = true
  WITH b
  OPTIONAL MATCH (b)-[:PRODUCED]->(o:Lot)
  SET o._lock = true
  WITH b, collect(o) AS made
  RETURN b IS NOT NULL AS found, false AS received, made,
         [x IN made | x.code] + COLLECT { MATCH (i:Lot)-[:CONSUMED_IN]->(b) RETURN i.code } AS lotCodes
  UNION
  WITH * WHERE $kind = 'SHIPMENT'
  OPTIONAL MATCH (s:Shipment {id: $id})-[:TO]->(c:Customer)
  SET s._lock = true
  WITH s, c
  RETURN s IS NOT NULL AS found, false AS received, [] AS made,
         COLLECT { MATCH (l:Lot)-[r:SHIPPED_TO]->(c) WHERE r.shipmentId = s.id RETURN DISTINCT l.code } AS lotCodes
}
RETURN found, received, lotCodes, [m IN made | m.code] AS madeCodes,
       COLLECT {
         UNWIND made AS m
         CALL (m) {
           MATCH (m)-[:CONSUMED_IN]->(b:Batch) RETURN {lotCode: m.code, kind: 'production', id: b.code} AS d
           UNION
           MATCH (m)-[r:SHIPPED_TO]->() RETURN DISTINCT {lotCode: m.code, kind: 'shipment', id: r.shipmentId} AS d
           UNION
           MATCH (a:Adjustment)-[:ADJUSTS]->(m) RETURN {lotCode: m.code, kind: 'adjustment', id: a.id} AS d
         }
         RETURN d
       } AS dependents
