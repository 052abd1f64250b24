/**
 * A spreadsheet as rows of cells: CSV through csv-parse (a byte-order mark, Windows line
 * endings, quoted fields and ragged rows are its business), XLSX through exceljs's streaming
 * reader (the first worksheet; formulas give their results, rich text its text, a merged cell its
 * top-left value). Row numbers are the spreadsheet's own, as its user sees them.
 *
 * exceljs's streaming reader reads a sheet in about 60% of the time of its whole-workbook loader,
 * but leaves merged cells empty (the ranges follow the rows in the sheet's XML and it skips them):
 * the ranges are read from the end of that XML and the merged cells filled in. The XML is taken
 * out of the zip with unzipper, which exceljs's streaming reader itself uses and which inflates
 * with Node's zlib (jszip's JavaScript inflate took about twice as long on a 37 MB sheet).
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const rows: Row[] = [];
  let sheetId: number | null = null;
  for await (const sheet of reader) {
    // The first worksheet in the file (sheet1.xml, where every spreadsheet program writes the first tab).
    sheetId = (sheet as unknown as { id: number }).id;
    for await (const row of sheet) {
      const r = row as ExcelJS.Row;
      if (!r.hasValues) continue;
      const cells: Cell[] = [];
      for (let i = 1; i <= r.cellCount; i += 1) cells.push(cellValue(r.getCell(i).value));
      rows.push({ row: r.number, cells });
    }
    break;
  }
  if (sheetId !== null) fillMerged(rows, await mergeRanges(data, sheetId));
  return rows;
}

/** The merged ranges of a worksheet ("A1:H1"), from the end of its XML. */
async function mergeRanges(data: Buffer, sheetId: number): Promise<string[]> {
  const zip = await unzipper.Open.buffer(data);
  const entry = zip.files.find((f) => f.path === `xl/worksheets/sheet${sheetId}.xml`);
  if (!entry) return [];
  const xml = await entry.buffer();
  // <mergeCells> follows <sheetData>: only the tail is read as text.
  const at = xml.lastIndexOf('<mergeCells');
  if (at < 0) return [];
  return [...xml.subarray(at).toString('utf8').matchAll(/<mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((m) => m[1]);
}

const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Every cell of a merged range takes its top-left cell's value, as the whole-workbook loader gives it. */
function fillMerged(rows: Row[], ranges: string[]): void {
  if (ranges.length === 0) return;
  const byNumber = new Map(rows.map((r) => [r.row, r]));
  for (const range of ranges) {
    const [, c1, r1, c2, r2] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range)!;
    const [top, bottom, left, right] = [Number(r1), Number(r2), column(c1), column(c2)];
    const value = byNumber.get(top)?.cells[left - 1] ?? null;
    if (value === null) continue;
    for (let r = top; r <= bottom; r += 1) {
      let row = byNumber.get(r);
      if (!row) {
        row = { row: r, cells: [] };
        byNumber.set(r, row);
        rows.push(row);
      }
      for (let c = left; c <= right; c += 1) {
        while (row.cells.length < c) row.cells.push(null);
        if (r !== top || c !== left) row.cells[c - 1] = value;
      }
    }
  }
  rows.sort((a, b) => a.row - b.row);
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
