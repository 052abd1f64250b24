// ping: the cheapest statement that proves Neo4j answers queries.
// Returns: ok = 1
RETURN 1 AS ok
