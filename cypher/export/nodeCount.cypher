// nodeCount: how many nodes the database holds (a logical export loads only into an empty one).
// Params:  none
// Returns: one row: nodes
MATCH (n)
RETURN count(n) AS nodes
