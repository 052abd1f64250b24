// recordImport: one entry of the spreadsheet import history: a committed or refused import (a
// dry run writes nothing, this neither).
// Params:  $entry: {id, kind, fileName, at (ISO), byKeyId, by, rows, written, skipped, problems, outcome, mappingName}
// Returns: nothing
CREATE (i:SpreadsheetImport)
SET i = $entry, i.at = datetime($entry.at)
