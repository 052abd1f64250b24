/**
 * A spreadsheet as rows of cells: CSV through csv-parse (a byte-order mark, Windows line
 * endings, quoted fields and ragged rows are its business), XLSX through exceljs (the first
 * worksheet; formulas give their results, rich text its text, a merged cell its top-left value).
 * Row numbers are the spreadsheet's own, as its user sees them.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Cell } from './cells.js';

export interface Row {
  row: number;
  cells: Cell[];
}

export type Format = 'csv' | 'xlsx';

export function formatOf(fileName: string): Format {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  throw new Error(`${fileName}: lotgraph reads .csv and .xlsx spreadsheets (save an .xls or .ods as one of them).`);
}

export async function readTable(data: Buffer, format: Format, options: { delimiter?: string } = {}): Promise<Row[]> {
  if (format === 'csv') {
    const records: string[][] = parse(data, { bom: true, relax_column_count: true, skip_empty_lines: false, delimiter: options.delimiter ?? detectDelimiter(data) });
    return records.map((cells, i) => ({ row: i + 1, cells }));
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Row[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let i = 1; i <= row.cellCount; i += 1) cells.push(cellValue(row.getCell(i).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** A semicolon when the first line has more semicolons than commas (as spreadsheets write CSV where the decimal mark is a comma). */
function detectDelimiter(data: Buffer): string {
  const first = data.subarray(0, 4096).toString('utf8').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (ch: string) => first.split(ch).length - 1;
  return count(';') > count(',') ? ';' : count('\t') > count(',') ? '\t' : ',';
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}
