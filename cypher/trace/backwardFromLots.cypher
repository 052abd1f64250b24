// backwardFromLots: every lot upstream of the start lots (themselves included), each once, with
// the production step that made it. Neo4j plans the DISTINCT var-length expand as a
// breadth-first pruning walk, so the cost follows the set of lots reached, not the number of
// paths. Depths are computed from `next` by the caller.
// {{maxHops}} is the one value that cannot be a parameter in Cypher (a var-length bound):
// twice the maxDepth, or empty for the whole way; the repository renders it from an integer.
// From several start lots the planner runs one pruning walk per start and drops the DISTINCT, so
// a lot can come once per start lot: the repository keeps it once.
// Params:  $codes: [String]
// Returns: code, next: [[batchCode, inputLotCode]]; one row per lot reached
MATCH (s:Lot) WHERE s.code IN $codes
MATCH (s)<-[:CONSUMED_IN|PRODUCED*0..{{maxHops}}]-(x:Lot)
WITH DISTINCT x
CALL (x) {
  OPTIONAL MATCH (b:Batch)-[:PRODUCED]->(x)
  OPTIONAL MATCH (y:Lot)-[:CONSUMED_IN]->(b)
  RETURN collect(CASE WHEN b IS NULL THEN null ELSE [b.code, y.code] END) AS next
}
RETURN x.code AS code, next
