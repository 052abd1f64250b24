/**
 * FSMA 204: the Key Data Elements of each Critical Tracking Event, the check for records that
 * lack one, and the FDA's sortable spreadsheet (XLSX with a sheet per event and a glossary, and
 * the same as CSV), streamed so that memory stays bounded whatever the range.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Db } from '../db/driver.js';
import { badInput, notFound } from '../errors.js';
import { lotsByCodes } from '../lot/lot.repository.js';
import { reachFromLots } from '../trace/trace.repository.js';
import { optionalText, requireInstant, requireText } from '../validation.js';
import type { FsmaPageMapper, KdeGapMapper, LocationMapper, ProductMapper } from './fsma.mappers.js';
import * as fsmaRepository from './fsma.repository.js';
import { GLOSSARY, missingKdes, SHEETS } from './fsma.sheets.js';

export interface FsmaFilterInput {
  from: string;
  to: string;
  productSkus?: string[] | null;
  lotCodes?: string[] | null;
  ftlOnly?: boolean | null;
  traceOfLotCode?: string | null;
}

/** Checks a filter and resolves a trace into lot codes: BAD_USER_INPUT or NOT_FOUND where it is off. */
export async function resolveFilter(db: Db, input: FsmaFilterInput): Promise<fsmaRepository.RecordFilter> {
  const from = requireInstant(input.from, 'from');
  const to = requireInstant(input.to, 'to');
  if (from > to) throw badInput(`from (${from}) is after to (${to}).`, 'from');
  const skus = input.productSkus?.length ? [...new Set(input.productSkus)] : null;
  if (skus) {
    const known = await fsmaRepository.knownSkus(db, skus);
    const unknown = skus.find((s) => !known.has(s));
    if (unknown) throw notFound('product', unknown);
  }
  let lotCodes = input.lotCodes?.length ? [...new Set(input.lotCodes)] : null;
  if (input.traceOfLotCode != null) {
    const start = requireText(input.traceOfLotCode, 'traceOfLotCode');
    if ((await lotsByCodes(db, [start])).length === 0) throw notFound('lot', start);
    const reached = [...(await reachFromLots(db, 'backward', [start], null)), ...(await reachFromLots(db, 'forward', [start], null))];
    lotCodes = [...new Set([...(lotCodes ?? []), ...reached.map((r) => r.code)])];
  }
  return { from, to, lotCodes, skus, ftlOnly: input.ftlOnly ?? false };
}

export async function page(db: Db, input: FsmaFilterInput, cte: fsmaRepository.Cte, first: number, offset: number): Promise<FsmaPageMapper> {
  if (!Number.isInteger(first) || first < 1 || first > 10_000) throw badInput(`first must be between 1 and 10000; got ${first}.`, 'first');
  if (!Number.isInteger(offset) || offset < 0) throw badInput(`offset must be 0 or more; got ${offset}.`, 'offset');
  const filter = await resolveFilter(db, input);
  const sheet = SHEETS[cte];
  const records = await fsmaRepository.records(db, cte, filter, offset, first + 1);
  return { cte, columns: sheet.columns, rows: records.slice(0, first).map(sheet.toRow), hasMore: records.length > first };
}

/** Every record in the filter's range that lacks a Key Data Element its event requires. */
export async function kdeGaps(db: Db, input: FsmaFilterInput): Promise<KdeGapMapper[]> {
  const filter = await resolveFilter(db, input);
  const gaps: KdeGapMapper[] = [];
  for (const sheet of Object.values(SHEETS)) {
    for await (const record of fsmaRepository.streamRecords(db, sheet.cte, filter)) {
      const missing = missingKdes(sheet, sheet.toRow(record));
      if (missing.length > 0) gaps.push({ cte: sheet.cte, ...sheet.idOf(record), missing });
    }
  }
  return gaps;
}

export interface ExportProgress {
  (rowsWritten: number, sheet: string): void;
}

/**
 * Writes the workbook to `out`: sheets Receiving, Transformation and Shipping, then Glossary.
 * Rows are streamed from Neo4j into the file; nothing holds the whole export in memory.
 */
export async function writeWorkbook(db: Db, filter: fsmaRepository.RecordFilter, out: Writable, onProgress?: ExportProgress) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'lotgraph';
  let written = 0;
  for (const sheet of Object.values(SHEETS)) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.columns).commit();
    for await (const record of fsmaRepository.streamRecords(db, sheet.cte, filter)) {
      ws.addRow(sheet.toRow(record)).commit();
      written += 1;
      if (written % 10_000 === 0) onProgress?.(written, sheet.name);
    }
    ws.commit();
  }
  const glossary = workbook.addWorksheet('Glossary');
  glossary.addRow(['Term or code', 'Meaning']).commit();
  for (const row of GLOSSARY) glossary.addRow(row).commit();
  glossary.commit();
  await workbook.commit();
  onProgress?.(written, 'done');
  return written;
}

/** Writes one sheet as CSV to `out`, streamed. */
export async function writeCsv(db: Db, filter: fsmaRepository.RecordFilter, cte: fsmaRepository.Cte | 'GLOSSARY', out: Writable) {
  const csv = stringify();
  const done = new Promise<void>((resolve, reject) => {
    csv.on('error', reject);
    out.on('error', reject);
    out.on('finish', resolve);
  });
  csv.pipe(out);
  const write = async (row: unknown[]) => {
    if (!csv.write(row)) await new Promise((r) => csv.once('drain', r));
  };
  if (cte === 'GLOSSARY') {
    await write(['Term or code', 'Meaning']);
    for (const row of GLOSSARY) await write(row);
  } else {
    const sheet = SHEETS[cte];
    await write(sheet.columns);
    for await (const record of fsmaRepository.streamRecords(db, cte, filter)) await write(sheet.toRow(record));
  }
  csv.end();
  await done;
}

/** Validates a location description (the API's upsertLocation and the bulk import's location events). */
export function normalizeLocation(input: LocationMapper): LocationMapper {
  const location: LocationMapper = {
    id: requireText(input.id, 'id'),
    businessName: requireText(input.businessName, 'businessName'),
    own: input.own ?? false,
  };
  for (const key of ['phone', 'street', 'city', 'state', 'postalCode', 'country', 'fdaRegistration', 'gln', 'url'] as const) {
    location[key] = optionalText(input[key], key);
  }
  return location;
}

/** Validates a product description (the API's upsertProduct and the bulk import's product events). */
export function normalizeProduct(input: ProductMapper): ProductMapper {
  const product: ProductMapper = {
    sku: requireText(input.sku, 'sku'),
    name: requireText(input.name, 'name'),
    onFoodTraceabilityList: input.onFoodTraceabilityList ?? false,
  };
  for (const key of ['brand', 'commodity', 'variety', 'packSize', 'packStyle'] as const) product[key] = optionalText(input[key], key);
  return product;
}

export async function upsertLocation(db: Db, input: LocationMapper): Promise<LocationMapper> {
  const location = normalizeLocation(input);
  return db.write((tx) => fsmaRepository.upsertLocation(tx, location));
}

export async function upsertProduct(db: Db, input: ProductMapper): Promise<ProductMapper> {
  const product = normalizeProduct(input);
  return db.write((tx) => fsmaRepository.upsertProduct(tx, product));
}
