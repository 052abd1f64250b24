/** An entry of the spreadsheet import history, as cypher/spreadsheet/spreadsheetImports returns it. */
export interface SpreadsheetImportMapper {
  id: string;
  kind: string;
  fileName: string | null;
  at: string;
  by: string | null;
  rows: bigint;
  written: bigint;
  skipped: bigint;
  problems: bigint;
  outcome: string;
  mappingName: string | null;
}

/** A saved column mapping; its columns as stored (JSON text, header → field). */
export interface ImportMappingMapper {
  name: string;
  kind: string;
  columns: string;
  savedAt: string;
}
