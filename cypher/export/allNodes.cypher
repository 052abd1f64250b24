// allNodes: every node, for the logical export (npm run db:export): its element id (the export's
// own reference, for relationships), labels and properties.
// Params:  none
// Returns: id, labels, props; one row per node
MATCH (n)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
