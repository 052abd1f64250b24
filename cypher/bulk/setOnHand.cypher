// setOnHand: recomputes the on-hand quantity of lots from their edges after a bulk import:
// what was received or produced, less every CONSUMED_IN and SHIPPED_TO quantity, less or plus
// every adjustment (exact integers of the base unit). The shown amount divides by the lot
// unit's factor.
// Params:  $codes: [String], $factors: {unit: base units per unit}
// Returns: nothing
UNWIND $codes AS code
MATCH (l:Lot {code: code})
CALL (l) {
  OPTIONAL MATCH (l)-[c:CONSUMED_IN]->()
  RETURN coalesce(sum(c.quantityBase), 0) AS consumed
}
CALL (l) {
  OPTIONAL MATCH (l)-[s:SHIPPED_TO]->()
  RETURN coalesce(sum(s.quantityBase), 0) AS shipped
}
CALL (l) {
  OPTIONAL MATCH (a:Adjustment)-[:ADJUSTS]->(l)
  RETURN coalesce(sum(CASE a.direction WHEN 'INCREASE' THEN -a.quantityBase ELSE a.quantityBase END), 0) AS adjustedOut
}
WITH l, l.quantityBase - consumed - shipped - adjustedOut AS left
SET l.onHandBase = left, l.onHand = toFloat(left) / $factors[l.unit]
