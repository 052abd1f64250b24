// spreadsheetImports: the spreadsheet import history, newest first.
// Params:  $first: Integer
// Returns: entry: {id, kind, fileName, at, by, rows, written, skipped, problems, outcome, mappingName}
MATCH (i:SpreadsheetImport)
WITH i ORDER BY i.at DESC, i.id LIMIT $first
RETURN i {.id, .kind, .fileName, at: toString(i.at), .by, .rows, .written, .skipped, .problems, .outcome, .mappingName} AS entry
