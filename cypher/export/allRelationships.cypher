// allRelationships: every relationship, for the logical export: its type, the element ids of its
// start and end nodes (as allNodes gave them) and its properties.
// Params:  none
// Returns: type, a, b, props; one row per relationship
MATCH (a)-[r]->(b)
RETURN type(r) AS type, elementId(a) AS a, elementId(b) AS b, properties(r) AS props
