// saveMapping: a source's column mapping under a name, for its next file; saving a name again
// replaces that mapping.
// Params:  $mapping: {name, kind, columns (JSON text: header -> field)}
// Returns: mapping: {name, kind, columns, savedAt}
MERGE (m:ImportMapping {name: $mapping.name})
SET m.kind = $mapping.kind, m.columns = $mapping.columns, m.savedAt = datetime()
RETURN m {.name, .kind, .columns, savedAt: toString(m.savedAt)} AS mapping
