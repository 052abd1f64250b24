// createRelationships: relationships of a logical export, between nodes that createNodes made.
// Params:  $rows: [{type, a, b, props}] (a, b: the new nodes' element ids)
// Returns: created (how many)
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
