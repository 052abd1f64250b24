/**
 * Receipts, production and shipments from the spreadsheets a plant keeps. The rows become the
 * bulk importer's events (one receipt a row; production rows grouped by batch code; shipment
 * rows grouped by shipment id), checked by the bulk importer's own rules against the database,
 * and written by it: the whole file or nothing, a file imported twice recorded once. Every
 * problem names its spreadsheet row and column; a dry run reports what would be recorded and
 * writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { BulkEvent } from '../bulk/bulk.service.js';
import { ImportRejected, importEvents, planImport } from '../bulk/bulk.service.js';
import * as bulkRepository from '../bulk/bulk.repository.js';
import type { Db } from '../db/driver.js';
import { badInput } from '../errors.js';
import { type Cell, type CellOptions, dateTime, isBlank, number, text, unit, yesNo } from './cells.js';
import { type Columns, FIELDS, findColumns, type Kind, KINDS, MappingError, MASTER_KINDS } from './columns.js';
import type { ImportMappingMapper } from './spreadsheet.mappers.js';
import { type Format, readTable, type Row } from './table.js';
import * as spreadsheetRepository from './spreadsheet.repository.js';

export interface SpreadsheetOptions extends CellOptions {
  kind: Kind;
  /** Header → field, for headers the synonyms do not know. */
  mapping?: Record<string, string>;
  /** A mapping saved under this name (saveImportMapping), in place of `mapping`. */
  mappingName?: string;
  /** For the import history: the file's name, and who ran it (null: the command line). */
  fileName?: string | null;
  by?: { keyId: string; name: string } | null;
  /** Check and report; write nothing. */
  dryRun?: boolean;
  /** A supplier or customer name that matches none is created (not an error). */
  createMissing?: boolean;
  /** As the commit writes: records written of all to write. */
  onProgress?: (written: number, total: number) => void;
  /** Called as each step ends, with its time in seconds: read, cells, checks, then each write phase. */
  onPhase?: (phase: string, seconds: number) => void;
}

export interface RowProblem {
  /** The spreadsheet's row number (null: the file as a whole). */
  row: number | null;
  /** The column's header as the file writes it (null: the row as a whole). */
  column: string | null;
  message: string;
}

export interface PreviewLine {
  rows: number[];
  record: string;
  key: string;
  /** What committing would do: record it, or nothing (the very same record is there already). */
  outcome: 'new' | 'already recorded';
}

export interface SpreadsheetReport {
  kind: Kind;
  headerRow: number | null;
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** Headers that match no field: ignored. */
  ignoredColumns: string[];
  problems: RowProblem[];
  /** Per record, in file order: what would be recorded (a dry run) or what was (a commit). */
  preview: PreviewLine[];
  written: number;
  skipped: number;
  dryRun: boolean;
}

const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Edit distance, for suggesting near matches to a name that matches nothing. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** A new party's id from its name: "Northfield Mills" gives SUP-NORTHFIELD-MILLS. */
function idFromName(kind: 'supplier' | 'customer', name: string, taken: (id: string) => boolean): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const base = `${kind === 'supplier' ? 'SUP' : 'CUS'}-${slug || 'NEW'}`;
  let id = base;
  for (let n = 2; taken(id); n += 1) id = `${base}-${n}`;
  return id;
}

/**
 * Resolves a supplier's or customer's id or name (case and spacing ignored) to its id. With
 * `createMissing`, a name that matches nothing becomes a new party (its id made from the name),
 * written with the file; `created` lists them, each with the rows that name it.
 */
async function partyResolver(db: Db, kind: 'supplier' | 'customer', createMissing: boolean) {
  const parties = await spreadsheetRepository.partiesByName(db, kind);
  const byId = new Set(parties.map((p) => p.id));
  const byName = new Map<string, string[]>();
  for (const p of parties) byName.set(compact(p.name ?? ''), [...(byName.get(compact(p.name ?? '')) ?? []), p.id]);
  const created = new Map<string, { id: string; name: string; rows: number[] }>();
  // A file names the same few parties on row after row: each spelling is matched once, and an
  // unknown one compared with every party once (not on each of its rows).
  const matched = new Map<string, string>();
  const unknown = new Map<string, string>();
  const resolve = (value: string, row: number): string => {
    const known = matched.get(value);
    if (known !== undefined) return known;
    const refused = unknown.get(value);
    if (refused !== undefined) throw new Error(refused);
    if (byId.has(value)) return value;
    const ids = byName.get(compact(value)) ?? [];
    if (ids.length === 1) {
      matched.set(value, ids[0]);
      return ids[0];
    }
    if (ids.length > 1) throw new Error(`"${value}" is the name of ${ids.length} ${kind}s (${ids.join(', ')}): give the id`);
    if (createMissing) {
      let party = created.get(compact(value));
      if (!party) {
        const ids = new Set([...created.values()].map((c) => c.id));
        party = { id: idFromName(kind, value, (id) => byId.has(id) || ids.has(id)), name: value.trim(), rows: [] };
        created.set(compact(value), party);
      }
      party.rows.push(row);
      return party.id;
    }
    const near = parties
      .map((p) => ({ p, d: Math.min(distance(compact(value), compact(p.name ?? '')), distance(value.toLowerCase(), p.id.toLowerCase())) }))
      .filter(({ p, d }) => d <= Math.max(2, Math.floor(compact(value).length / 4)) || compact(p.name ?? '').includes(compact(value)))
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
      .map(({ p }) => `${p.name} (${p.id})`);
    const message = `no ${kind} has the id or name "${value}"${near.length ? `; near matches: ${near.join(', ')}` : ''}${createMissing ? '' : ' (import with createMissing=true, or --create-missing, to add it)'}`;
    unknown.set(value, message);
    throw new Error(message);
  };
  return { resolve, created };
}

interface Converted {
  events: BulkEvent[];
  /** The spreadsheet rows of each event. */
  eventRows: number[][];
  problems: RowProblem[];
}

/** Turns the data rows into events; a cell that does not read is a problem of its row and column. */
async function convert(db: Db, rows: Row[], columns: Columns, options: SpreadsheetOptions): Promise<Converted> {
  const problems: RowProblem[] = [];
  const header = (field: string) => columns.headers[columns.byField.get(field)!] ?? field;
  const parties = options.kind === 'receipts' ? await partyResolver(db, 'supplier', !!options.createMissing) : options.kind === 'shipments' ? await partyResolver(db, 'customer', !!options.createMissing) : null;
  const requiredFields = new Set(FIELDS[options.kind].filter((f) => f.required).map((f) => f.name));

  const reader = (r: Row) => {
    let ok = true;
    const cell = (field: string): Cell => {
      const i = columns.byField.get(field);
      return i === undefined ? null : (r.cells[i] ?? null);
    };
    const read = <T>(field: string, parse: (c: Cell) => T, required = requiredFields.has(field)): T | null => {
      const c = cell(field);
      if (isBlank(c)) {
        if (required) {
          ok = false;
          problems.push({ row: r.row, column: header(field), message: 'is empty, and it is required' });
        }
        return null;
      }
      try {
        return parse(c);
      } catch (error) {
        ok = false;
        problems.push({ row: r.row, column: header(field), message: (error as Error).message });
        return null;
      }
    };
    return { read, ok: () => ok, cell };
  };
  const str = (c: Cell) => text(c);
  const quantity = (read: ReturnType<typeof reader>['read']) => {
    const amount = read('quantity', (c) => number(c, options));
    const u = read('unit', unit);
    return amount === null || u === null ? null : { amount, unit: u };
  };

  const events: BulkEvent[] = [];
  const eventRows: number[][] = [];
  const groups = new Map<string, number>();
  for (const r of rows) {
    if (r.row <= columns.headerRow || r.cells.every(isBlank)) continue;
    const { read, ok } = reader(r);
    if (MASTER_KINDS.includes(options.kind)) {
      // Every column of the kind, as the upsert mutation takes it; blank cells are left out.
      const record: Record<string, unknown> = {};
      for (const field of FIELDS[options.kind]) {
        const value = read<string | boolean>(field.name, field.name === 'own' || field.name === 'onFoodTraceabilityList' ? yesNo : str);
        if (value !== null) record[field.name] = value;
      }
      const type = ({ suppliers: 'supplier', customers: 'customer', locations: 'location', products: 'product' } as const)[options.kind as 'suppliers'];
      if (ok()) {
        events.push({ type, ...record } as BulkEvent);
        eventRows.push([r.row]);
      }
    } else if (options.kind === 'receipts') {
      const event = {
        type: 'receipt' as const,
        lotCode: read('lotCode', str),
        productSku: read('productSku', str),
        productName: read('productName', str),
        supplierId: read('supplier', (c) => parties!.resolve(text(c), r.row)),
        supplierLotCode: read('supplierLotCode', str),
        quantity: quantity(read),
        receivedAt: read('receivedAt', (c) => dateTime(c, options)),
        referenceDocument: read('referenceDocument', str),
        referenceDocumentType: read('referenceDocumentType', str),
        receivedAtLocationId: read('receivedAtLocationId', str),
        tlcSourceLocationId: read('tlcSourceLocationId', str),
        tlcSourceReference: read('tlcSourceReference', str),
      };
      if (ok()) {
        events.push(event as BulkEvent);
        eventRows.push([r.row]);
      }
    } else if (options.kind === 'production') {
      const batchCode = read('batchCode', str);
      const producedAt = read('producedAt', (c) => dateTime(c, options));
      const line = read('line', (c) => {
        const v = text(c).toLowerCase();
        if (['input', 'in', 'consumed', 'consume', 'ingredient', 'i'].includes(v)) return 'input' as const;
        if (['output', 'out', 'produced', 'produce', 'product', 'o'].includes(v)) return 'output' as const;
        throw new Error(`"${text(c)}" is neither input nor output`);
      });
      const lotCode = read('lotCode', str);
      const q = quantity(read);
      const productSku = line === 'output' ? read('productSku', str, true) : null;
      const productName = line === 'output' ? read('productName', str, true) : null;
      const locationId = read('locationId', str);
      const referenceDocument = read('referenceDocument', str);
      if (!ok() || batchCode === null) continue;
      let at = groups.get(batchCode);
      if (at === undefined) {
        at = events.length;
        groups.set(batchCode, at);
        events.push({ type: 'production', batchCode, producedAt: producedAt!, inputs: [], outputs: [], ...(locationId ? { locationId } : {}), ...(referenceDocument ? { referenceDocument } : {}) } as BulkEvent);
        eventRows.push([]);
      }
      const batch = events[at] as Extract<BulkEvent, { type: 'production' }>;
      if (batch.producedAt !== producedAt) problems.push({ row: r.row, column: header('producedAt'), message: `batch ${batchCode} has another date on an earlier row (${batch.producedAt})` });
      if (line === 'input') batch.inputs.push({ lotCode: lotCode!, quantity: q! });
      else batch.outputs.push({ lotCode: lotCode!, productSku: productSku!, productName: productName!, quantity: q! });
      eventRows[at].push(r.row);
    } else {
      const shipmentId = read('shipmentId', str);
      const customerId = read('customer', (c) => parties!.resolve(text(c), r.row));
      const shippedAt = read('shippedAt', (c) => dateTime(c, options));
      const lotCode = read('lotCode', str);
      const q = quantity(read);
      const referenceDocument = read('referenceDocument', str);
      if (!ok() || shipmentId === null) continue;
      let at = groups.get(shipmentId);
      if (at === undefined) {
        at = events.length;
        groups.set(shipmentId, at);
        events.push({ type: 'shipment', shipmentId, customerId: customerId!, shippedAt: shippedAt!, lines: [], ...(referenceDocument ? { referenceDocument } : {}) } as BulkEvent);
        eventRows.push([]);
      }
      const shipment = events[at] as Extract<BulkEvent, { type: 'shipment' }>;
      if (shipment.customerId !== customerId) problems.push({ row: r.row, column: header('customer'), message: `shipment ${shipmentId} goes to another customer on an earlier row (${shipment.customerId})` });
      if (shipment.shippedAt !== shippedAt) problems.push({ row: r.row, column: header('shippedAt'), message: `shipment ${shipmentId} has another date on an earlier row (${shipment.shippedAt})` });
      shipment.lines.push({ lotCode: lotCode!, quantity: q! });
      eventRows[at].push(r.row);
    }
  }
  // The parties to create go first, each with the rows that name it.
  const created = [...(parties?.created.values() ?? [])];
  const type = options.kind === 'receipts' ? ('supplier' as const) : ('customer' as const);
  return {
    events: [...created.map(({ id, name }) => ({ type, id, name })), ...events],
    eventRows: [...created.map((c) => c.rows), ...eventRows],
    problems,
  };
}

const keyOf = (e: BulkEvent): string =>
  e.type === 'receipt' ? e.lotCode : e.type === 'production' ? e.batchCode : e.type === 'shipment' ? e.shipmentId : e.type === 'product' ? e.sku : e.id;

/**
 * Reads, checks and (unless a dry run) records one spreadsheet; a committed or refused import is
 * kept in the import history.
 */
export async function importSpreadsheet(db: Db, data: Buffer, format: Format, options: SpreadsheetOptions): Promise<SpreadsheetReport> {
  const report = await check(db, data, format, options);
  if (!report.dryRun) {
    const entry = {
      id: randomUUID(),
      kind: options.kind,
      fileName: options.fileName ?? null,
      at: new Date().toISOString(),
      byKeyId: options.by?.keyId ?? null,
      by: options.by?.name ?? null,
      rows: report.rows,
      written: report.written,
      skipped: report.skipped,
      problems: report.problems.length,
      outcome: report.problems.length > 0 ? 'BAD_USER_INPUT' : 'OK',
      mappingName: options.mappingName ?? null,
    };
    await db.write((tx) => spreadsheetRepository.recordImport(tx, entry));
  }
  return report;
}

/** Saves a source's column mapping under a name (replacing one of that name), once its fields are the kind's own. */
export async function saveImportMapping(db: Db, input: { name: string; kind: string; columns: Record<string, string> }): Promise<ImportMappingMapper> {
  if (!KINDS.includes(input.kind as Kind)) throw badInput(`kind is one of ${KINDS.join(', ')}; got "${input.kind}".`, 'kind');
  const name = input.name.trim();
  if (name === '' || name.length > 200) throw badInput('name is 1 to 200 characters.', 'name');
  if (Object.keys(input.columns).length === 0 || Object.keys(input.columns).some((h) => h.trim() === '')) throw badInput('A mapping names at least one header, none of them empty.', 'columns');
  try {
    // The same check an import makes of a mapping.
    findColumns(input.kind as Kind, [], input.columns);
  } catch (error) {
    if (error instanceof MappingError) throw badInput(error.message, 'columns');
    throw error;
  }
  return db.write((tx) => spreadsheetRepository.saveMapping(tx, { name, kind: input.kind, columns: JSON.stringify(input.columns) }));
}

/** The saved mapping of that name, for that kind; throws a message for the user. */
async function savedMapping(db: Db, name: string, kind: Kind): Promise<Record<string, string>> {
  const [saved] = await spreadsheetRepository.mappings(db, null, name);
  if (!saved) throw new MappingError(`No mapping is saved under the name "${name}".`);
  if (saved.kind !== kind) throw new MappingError(`The mapping "${name}" is for ${saved.kind}, not ${kind}.`);
  return JSON.parse(saved.columns);
}

async function check(db: Db, data: Buffer, format: Format, options: SpreadsheetOptions): Promise<SpreadsheetReport> {
  const report: SpreadsheetReport = { kind: options.kind, headerRow: null, rows: 0, ignoredColumns: [], problems: [], preview: [], written: 0, skipped: 0, dryRun: !!options.dryRun };
  let rows: Row[];
  let columns: Columns | null;
  let lapStarted = performance.now();
  const lap = (phase: string) => {
    options.onPhase?.(phase, (performance.now() - lapStarted) / 1000);
    lapStarted = performance.now();
  };
  try {
    rows = await readTable(data, format);
    lap('read');
  } catch (error) {
    report.problems.push({ row: null, column: null, message: `The file does not read as ${format.toUpperCase()}: ${(error as Error).message}` });
    return report;
  }
  try {
    const mapping = options.mappingName ? await savedMapping(db, options.mappingName, options.kind) : options.mapping;
    columns = findColumns(options.kind, rows, mapping);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    report.problems.push({ row: null, column: null, message: error.message });
    return report;
  }
  if (!columns) {
    const required = FIELDS[options.kind].filter((f) => f.required).map((f) => f.name);
    report.problems.push({ row: null, column: null, message: `No row in the first 20 has the headers of a ${options.kind} sheet (${required.join(', ')}); give a mapping for headers of your own.` });
    return report;
  }
  report.headerRow = columns.headerRow;
  report.ignoredColumns = columns.unknown;
  report.rows = rows.filter((r) => r.row > columns.headerRow && !r.cells.every(isBlank)).length;
  // Missing and unknown columns come before anything else.
  if (columns.missing.length > 0) {
    report.problems.push(...columns.missing.map((m) => ({ row: columns.headerRow, column: null, message: `No column for ${m} (${FIELDS[options.kind].find((f) => f.name === m)!.help}); name one ${FIELDS[options.kind].find((f) => f.name === m)!.synonyms.slice(0, 4).map((s) => `"${s}"`).join(', ')}, or map one` })));
    return report;
  }
  const { events, eventRows, problems } = await convert(db, rows, columns, options);
  lap('cells');
  report.problems.push(...problems);
  if (report.problems.length > 0) return report;

  // The bulk importer's own checks against the database: codes taken, stock, units, places.
  let plan;
  try {
    plan = await planImport(events, (codes) => bulkRepository.existingCodes(db, codes));
    lap('checks');
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    error.problems.forEach((message, i) => {
      const rowsOf = eventRows[error.eventIndexes[i]] ?? [];
      report.problems.push({ row: rowsOf[0] ?? null, column: null, message: message.replace(/^event \d+ \([^)]*\): /, '') + (rowsOf.length > 1 ? ` (rows ${rowsOf.join(', ')})` : '') });
    });
    return report;
  }
  report.preview = plan.steps.map((step, i) => ({ rows: eventRows[i], record: step.type, key: keyOf(events[i]), outcome: step.skip ? 'already recorded' : 'new' }));
  if (options.dryRun) return report;
  const done = await importEvents(db, events, { plan, onProgress: options.onProgress, onPhase: (phase, seconds) => options.onPhase?.(`write ${phase}`, seconds) });
  report.written = done.written;
  report.skipped = done.skipped;
  return report;
}
