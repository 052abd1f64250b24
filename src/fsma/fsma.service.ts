/**
 * FSMA 204: the Key Data Elements of each Critical Tracking Event, the check for records that
 * lack one, and the FDA's sortable spreadsheet (XLSX with a sheet per event and a glossary, and
 * the same as CSV), streamed so that memory stays bounded whatever the range.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Db } from '../db/driver.js';
import { alreadyExists, badInput, notFound } from '../errors.js';
import { gs1Field } from '../gs1/fields.js';
import { gln, gtin14 } from '../gs1/identifiers.js';
import { lotsByCodes } from '../lot/lot.repository.js';
import { reachFromLots } from '../trace/trace.repository.js';
import { optionalBoolean, optionalText, requireInstant, requireText } from '../validation.js';
import type { FsmaPageMapper, KdeGapMapper, LocationMapper, ProductMapper } from './fsma.mappers.js';
import * as fsmaRepository from './fsma.repository.js';
import { type Cell, type Dictionary, dictionary, GLOSSARY, missingKdes, SHEETS } from './fsma.sheets.js';
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

/** Where an export goes: the workbook, and any of its sheets as CSV. Each is ended when done. */
export interface ExportTargets {
  /** The workbook: sheets Receiving, Transformation and Shipping, then Glossary. */
  xlsx?: Writable;
  csv?: Partial<Record<fsmaRepository.Cte | 'GLOSSARY', Writable>>;
}

/** Rows handed to the workbook's writer thread at a time. */
const BATCH = 2_000;

/** A CSV file written with back-pressure; `write` returns a promise only when it must be waited for. */
function csvFile(out: Writable) {
  const csv = stringify();
  const finished = pipeline(csv, out);
  finished.catch(() => undefined); // seen by the next write or by end()
  return {
    write: (row: unknown[]) => (csv.write(row) ? undefined : Promise.race([once(csv, 'drain'), finished])),
    end: async () => {
      csv.end();
      await finished;
    },
  };
}

async function* rowsOf(db: Db, cte: fsmaRepository.Cte | 'GLOSSARY', filter: fsmaRepository.RecordFilter, d: Dictionary) {
  if (cte === 'GLOSSARY') {
    yield* GLOSSARY;
    return;
  }
  const sheet = SHEETS[cte];
  for await (const record of fsmaRepository.streamRecords(db, cte, filter, d.ftlSkus)) yield sheet.toRow(record, d);
}

/**
 * Writes the export, reading each sheet's records once for all its targets. Rows stream from
 * Neo4j to the workbook's writer thread (see WorkbookThread), which renders and zips them while
 * this thread reads the next and writes the CSV files; nothing holds the export in memory, and a
 * destination that fails or closes early (a client that went away) stops it, closing its query.
 * Returns the number of records written (glossary aside).
 */
export async function writeExport(db: Db, filter: fsmaRepository.RecordFilter, targets: ExportTargets, onProgress?: ExportProgress) {
  const d = await loadDictionary(db);
  const workbook = targets.xlsx ? new WorkbookThread(targets.xlsx) : null;
  const sheets = [
    ...Object.values(SHEETS).map((s) => ({ cte: s.cte as fsmaRepository.Cte | 'GLOSSARY', name: s.name, columns: s.columns })),
    { cte: 'GLOSSARY' as const, name: 'Glossary', columns: ['Term or code', 'Meaning'] },
  ];
  let written = 0;
  try {
    for (const sheet of sheets) {
      const csvOut = targets.csv?.[sheet.cte];
      if (!workbook && !csvOut) continue;
      const csv = csvOut ? csvFile(csvOut) : null;
      const isRecord = sheet.cte !== 'GLOSSARY';
      workbook?.addSheet(sheet.name, sheet.columns);
      await csv?.write(sheet.columns);
      let batch: Cell[][] = [];
      for await (const row of rowsOf(db, sheet.cte, filter, d)) {
        const waiting = csv?.write(row);
        if (waiting) await waiting;
        if (isRecord) written += 1;
        if (!workbook) continue;
        batch.push(row);
        if (batch.length === BATCH) {
          await workbook.addRows(batch);
          batch = [];
          onProgress?.(written, sheet.name);
        }
      }
      if (batch.length > 0) await workbook?.addRows(batch);
      await csv?.end();
    }
    await workbook?.finish();
    if (targets.xlsx) {
      // Fails if the destination fails or closes (a client gone) before the last byte is through.
      targets.xlsx.end();
      await finished(targets.xlsx);
    }
  } catch (error) {
    await workbook?.abort();
    // No target is left open or looking complete: each is broken off with the error.
    for (const target of [targets.xlsx, ...Object.values(targets.csv ?? {})]) target?.destroy(error as Error);
    throw error;
  }
  onProgress?.(written, 'done');
  return written;
}

/** Validates a location description (the API's upsertLocation and the bulk import's location events). */
export function normalizeLocation(input: LocationMapper): LocationMapper {
  const location: LocationMapper = {
    id: requireText(input.id, 'id'),
    businessName: requireText(input.businessName, 'businessName'),
    own: optionalBoolean(input.own, 'own', false),
  };
  for (const key of ['phone', 'street', 'city', 'state', 'postalCode', 'country', 'fdaRegistration', 'gln', 'url'] as const) {
    location[key] = optionalText(input[key], key);
  }
  location.gln = gs1Field(location.gln, gln, 'gln');
  return location;
}


/** Validates a product description (the API's upsertProduct and the bulk import's product events). */
export function normalizeProduct(input: ProductMapper): ProductMapper {
  const product: ProductMapper = {
    sku: requireText(input.sku, 'sku'),
    name: requireText(input.name, 'name'),
    onFoodTraceabilityList: optionalBoolean(input.onFoodTraceabilityList, 'onFoodTraceabilityList', false),
  };
  for (const key of ['brand', 'commodity', 'variety', 'packSize', 'packStyle'] as const) product[key] = optionalText(input[key], key);
  product.gtin = gs1Field(input.gtin, gtin14, 'gtin');
  return product;
}

export async function upsertLocation(db: Db, input: LocationMapper): Promise<LocationMapper> {
  const location = normalizeLocation(input);
  return db.write((tx) => fsmaRepository.upsertLocation(tx, location));
}

export async function upsertProduct(db: Db, input: ProductMapper): Promise<ProductMapper> {
  const product = normalizeProduct(input);
  try {
    return await db.write((tx) => fsmaRepository.upsertProduct(tx, product));
  } catch (error) {
    // The one constraint an upsert by SKU can break: one product per GTIN.
    if (product.gtin && (error as { code?: string }).code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      throw alreadyExists('GTIN', product.gtin, 'belongs to another product');
    }
    throw error;
  }
}
