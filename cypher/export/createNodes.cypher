// createNodes: nodes of a logical export, into an empty database, with their labels and
// properties as exported.
// Params:  $rows: [{id, labels: [String], props: Map}]
// Returns: id (the export's), elementId (the new node's); one row per node
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN row.id AS id, elementId(n) AS elementId
