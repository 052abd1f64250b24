// procedureInstalled: whether Neo4j has lotgraph's trace procedure (a managed Neo4j may not).
// Params:  none
// Returns: name; one row when it is installed
SHOW PROCEDURES YIELD name
WHERE name = 'lotgraph.trace'
RETURN name
