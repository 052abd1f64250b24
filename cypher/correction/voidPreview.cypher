// voidPreview: what voiding records would do, read before a capture or import writes anything (and
// by a correction, after lockRecord):
// for each record, whether it exists (and a receipt was received), the records that depend on
// what it made (then it cannot be voided), the lots it made (they leave the records) and what it
// took from each lot it drew from (given back).
// Params:  $targets: [{kind: 'RECEIPT' | 'PRODUCTION' | 'SHIPMENT', id}]
// Returns: kind, id, found, received, madeCodes, dependents: [{lotCode, kind, id}], credits: [{lotCode, base}]
UNWIND $targets AS t
CALL (t) {
  WITH t WHERE t.kind = 'RECEIPT'
  OPTIONAL MATCH (l:Lot {code: t.id})
  RETURN l IS NOT NULL AS found, l IS NOT NULL AND EXISTS { (:Supplier)-[:SUPPLIED]->(l) } AS received, [x IN [l] WHERE x IS NOT NULL] AS made, [] AS credits
  UNION
  WITH t WHERE t.kind = 'PRODUCTION'
  OPTIONAL MATCH (b:Batch {code: t.id})
  RETURN b IS NOT NULL AS found, false AS received, COLLECT { MATCH (b)-[:PRODUCED]->(o:Lot) RETURN o } AS made,
         COLLECT { MATCH (i:Lot)-[c:CONSUMED_IN]->(b) RETURN {lotCode: i.code, base: c.quantityBase} } AS credits
  UNION
  WITH t WHERE t.kind = 'SHIPMENT'
  OPTIONAL MATCH (s:Shipment {id: t.id})-[:TO]->(c:Customer)
  RETURN s IS NOT NULL AS found, false AS received, [] AS made,
         COLLECT { MATCH (l:Lot)-[r:SHIPPED_TO]->(c) WHERE r.shipmentId = s.id RETURN {lotCode: l.code, base: r.quantityBase} } AS credits
}
RETURN t.kind AS kind, t.id AS id, found, received, [m IN made | m.code] AS madeCodes, credits,
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
