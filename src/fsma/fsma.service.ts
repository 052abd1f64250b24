/**
 * FSMA 204: the Key Data Elements of each Critical Tracking Event, the check for records that
 * lack one, and the FDA's sortable spreadsheet (XLSX with a sheet per event and a glossary, and
 * the same as CSV), streamed so that memory stays bounded whatever the range.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Db } from '../db/driver.js';
import { badInput, notFound } from '../errors.js';
import { lotsByCodes } from '../lot/lot.repository.js';
import { reachFromLots } from '../trace/trace.repository.js';
import { optionalText, requireInstant, requireText } from '../validation.js';
import type { FsmaPageMapper, KdeGapMapper, LocationMapper, ProductMapper } from './fsma.mappers.js';
import * as fsmaRepository from './fsma.repository.js';
import { type Dictionary, dictionary, GLOSSARY, missingKdes, type Sheet, SHEETS } from './fsma.sheets.js';
import { WorkbookThread } from './workbook-thread.js';

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
  const d = await loadDictionary(db);
  const records = await fsmaRepository.records(db, cte, filter, d.ftlSkus, offset, first + 1);
  return { cte, columns: sheet.columns, rows: records.slice(0, first).map((r) => sheet.toRow(r, d)), hasMore: records.length > first };
}

/** Every location and product description, spread into columns once for a whole export. */
export async function loadDictionary(db: Db): Promise<Dictionary> {
  const { locations, products } = await fsmaRepository.descriptions(db);
  return dictionary(locations, products);
}

/** Every record in the filter's range that lacks a Key Data Element its event requires. */
export async function kdeGaps(db: Db, input: FsmaFilterInput): Promise<KdeGapMapper[]> {
  const filter = await resolveFilter(db, input);
  const d = await loadDictionary(db);
  const gaps: KdeGapMapper[] = [];
  for (const sheet of Object.values(SHEETS)) {
    for await (const record of fsmaRepository.streamRecords(db, sheet.cte, filter, d.ftlSkus)) {
      const missing = missingKdes(sheet, sheet.toRow(record, d));
      if (missing.length > 0) gaps.push({ cte: sheet.cte, ...sheet.idOf(record), missing });
    }
  }
  return gaps;
}

export interface ExportProgress {
  (rowsWritten: number, sheet: string): void;
}

/** Rows handed to the workbook's writer thread at a time. */
const BATCH = 2_000;

/**
 * Writes the workbook to `out` and ends it: sheets Receiving, Transformation and Shipping, then
 * Glossary. Rows stream from Neo4j to a writer thread (see WorkbookThread), which renders and
 * zips them while this thread reads the next; nothing holds the whole export in memory.
 */
export async function writeWorkbook(db: Db, filter: fsmaRepository.RecordFilter, out: Writable, onProgress?: ExportProgress) {
  const d = await loadDictionary(db);
  const workbook = new WorkbookThread(out);
  let written = 0;
  try {
    for (const sheet of Object.values(SHEETS)) {
      workbook.addSheet(sheet.name, sheet.columns);
      let batch: ReturnType<Sheet['toRow']>[] = [];
      for await (const record of fsmaRepository.streamRecords(db, sheet.cte, filter, d.ftlSkus)) {
        batch.push(sheet.toRow(record, d));
        if (batch.length === BATCH) {
          await workbook.addRows(batch);
          written += batch.length;
          batch = [];
          if (written % 10_000 === 0) onProgress?.(written, sheet.name);
        }
      }
      if (batch.length > 0) await workbook.addRows(batch);
      written += batch.length;
    }
    workbook.addSheet('Glossary', ['Term or code', 'Meaning']);
    await workbook.addRows(GLOSSARY);
    await workbook.finish();
  } catch (error) {
    await workbook.abort();
    throw error;
  }
  await new Promise<void>((resolve) => out.end(resolve));
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
    const d = await loadDictionary(db);
    await write(sheet.columns);
    for await (const record of fsmaRepository.streamRecords(db, cte, filter, d.ftlSkus)) await write(sheet.toRow(record, d));
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
