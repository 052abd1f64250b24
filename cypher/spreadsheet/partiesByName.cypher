// partiesByName: every supplier or customer with its id and name, for matching a spreadsheet's
// names (case and spacing ignored) and suggesting near matches.
// Params:  $kind: 'supplier' | 'customer'
// Returns: id, name; one row per party of that kind
CALL (*) {
  WITH * WHERE $kind = 'supplier'
  MATCH (p:Supplier)
  RETURN p.id AS id, p.name AS name
  UNION
  WITH * WHERE $kind = 'customer'
  MATCH (p:Customer)
  RETURN p.id AS id, p.name AS name
}
RETURN id, name
