// lotsBySupplierIds: the newest lots received from each supplier, for DataLoader.
// Params:  $ids: [String], $first: Integer
// Returns: id, lots: [lot{.*}] newest first, at most $first each
UNWIND $ids AS id
MATCH (s:Supplier {id: id})
CALL (s) {
  MATCH (s)-[:SUPPLIED]->(l:Lot)
  WITH l ORDER BY l.receivedAt DESC, l.code LIMIT $first
  RETURN collect(l {.*}) AS lots
}
RETURN id, lots
