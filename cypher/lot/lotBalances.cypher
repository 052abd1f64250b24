// lotBalances: each lot's mass balance: what it received or produced, what was consumed from it,
// shipped from it and taken out by adjustments (net; an increase counts negative), and the
// on-hand quantity it records. All exact integers of the lot's base unit.
// Params:  $codes: [String]
// Returns: code, productSku, productName, unit, status, receivedBase, consumedBase, shippedBase,
//          adjustedOutBase, onHandBase; one row per lot found
UNWIND $codes AS code
MATCH (l:Lot {code: code})
CALL (l) {
  OPTIONAL MATCH (l)-[c:CONSUMED_IN]->()
  RETURN coalesce(sum(c.quantityBase), 0) AS consumedBase
}
CALL (l) {
  OPTIONAL MATCH (l)-[s:SHIPPED_TO]->()
  RETURN coalesce(sum(s.quantityBase), 0) AS shippedBase
}
CALL (l) {
  OPTIONAL MATCH (a:Adjustment)-[:ADJUSTS]->(l)
  RETURN coalesce(sum(CASE a.direction WHEN 'INCREASE' THEN -a.quantityBase ELSE a.quantityBase END), 0) AS adjustedOutBase
}
RETURN code, l.productSku AS productSku, l.productName AS productName, l.unit AS unit, l.status AS status,
       l.quantityBase AS receivedBase, consumedBase, shippedBase, adjustedOutBase, l.onHandBase AS onHandBase
