// mappings: saved column mappings, by name; of one kind, or all (null), or one name (null: any).
// Params:  $kind: String | null, $name: String | null
// Returns: mapping: {name, kind, columns, savedAt}
MATCH (m:ImportMapping)
WHERE ($kind IS NULL OR m.kind = $kind) AND ($name IS NULL OR m.name = $name)
RETURN m {.name, .kind, .columns, savedAt: toString(m.savedAt)} AS mapping
ORDER BY m.name
