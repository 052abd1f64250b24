/**
 * Bulk import of history (a migration from an ERP): the same events as the API's mutations,
 * validated with the same rules, written many per transaction with UNWIND.
 *
 * First everything is checked without writing: each event's fields, codes taken in the file or
 * the database, lots and parties that must exist, statuses, units, and on-hand quantities
 * replayed in order so that none goes below zero. Any problem rejects the whole import, with
 * every problem listed. Then the events are written, a chunk per transaction (see importEvents):
 * after a crash, running the same import again skips what was written (a record whose code
 * exists with the very same content is skipped, as a repeat is in the API) and writes the rest.
 *
 * The import does not lock lots: run it while no other writer consumes or ships the same lots.
 */
import { setImmediate as turn } from 'node:timers/promises';
import type { Db, Runner } from '../db/driver.js';
import { badInput, DomainError } from '../errors.js';
import { debit, expectedOnHand } from '../lot/stock.js';
import { type LockedLot, lotBalances } from '../lot/lot.repository.js';
import { fromBase } from '../units.js';
import { checkTextFields, optionalText, requireText } from '../validation.js';
import { normalizeLocation, normalizeProduct } from '../fsma/fsma.service.js';
import type { LocationMapper, ProductMapper } from '../fsma/fsma.mappers.js';
import { normalizeProduction, type ProductionInput } from '../production/production.service.js';
import { normalizeReceipt, type ReceiveLotInput } from '../receiving/receiving.service.js';
import { normalizeShipment, type ShipmentInput } from '../shipping/shipping.service.js';
import { gs1Field } from '../gs1/fields.js';
import { gln } from '../gs1/identifiers.js';
import * as bulkRepository from './bulk.repository.js';
import type { CorrectedRecordKind } from '../correction/correction.mappers.js';
import { afterVoids, planVoids, voidIn } from '../correction/correction.service.js';

export type BulkEvent =
  | ({ type: 'location' } & LocationMapper)
  | ({ type: 'product' } & ProductMapper)
  | ({ type: 'supplier' } & PartyEvent)
  | ({ type: 'customer' } & PartyEvent)
  | ({ type: 'receipt' } & ReceiveLotInput)
  | ({ type: 'production' } & ProductionInput)
  | ({ type: 'shipment' } & ShipmentInput)
  /** Voids a record of the database (a correction, as voidRecord does): before the file's records are written. */
  | { type: 'void'; kind: CorrectedRecordKind; id: string; reason: string };

interface PartyEvent {
  id: string;
  name: string;
  location?: string | null;
  /** The party GLN, checked as the API checks it. */
  gln?: string | null;
  /** The party's site as a Location id (in the file or the database). */
  locationId?: string | null;
}

export interface ImportOptions {
  /**
   * Events per transaction (2,000 by default). Larger chunks cost Neo4j more per event, not less:
   * their transaction state lives through several young-generation collections and is copied each
   * time (M's history took 223 s in chunks of 10,000, 157 s in chunks of 2,500, 151 s of 1,000).
   */
  chunkSize?: number;
  /** Transactions at once where order does not matter (receipts, shipments). */
  writers?: number;
  onProgress?: (written: number, total: number) => void;
  /** Who runs the import, for the history of the voids it makes. */
  by?: { keyId: string | null; name: string | null };
  /** Called as each write phase ends, with its time in seconds. */
  onPhase?: (phase: string, seconds: number) => void;
  /**
   * The plan planImport just made for these very events (the spreadsheet import checks before
   * it writes): not made again. Its check is no older than the import's own would be.
   */
  plan?: ImportPlan;
}

export interface ImportReport {
  events: number;
  written: number;
  /** Events already in the database with the very same content (a re-run after a crash). */
  skipped: number;
  checkSeconds: number;
  writeSeconds: number;
}

export class ImportRejected extends Error {
  /** `problems`, and for each the index of the event it is about (in the order given). */
  constructor(
    readonly problems: string[],
    readonly eventIndexes: number[] = [],
  ) {
    super(
      `The import was rejected and nothing was written: ${problems.length} problem(s).\n` +
        problems.slice(0, 50).map((p) => `  - ${p}`).join('\n') +
        (problems.length > 50 ? `\n  ... and ${problems.length - 50} more` : ''),
    );
  }
}

export type PartyRow = { id: string; name: string; location: string | null; locationId: string | null; gln: string | null };

export type Planned =
  | { type: 'location'; row: LocationMapper }
  | { type: 'product'; row: ProductMapper }
  | { type: 'supplier'; row: PartyRow }
  | { type: 'customer'; row: PartyRow }
  | { type: 'receipt'; row: ReturnType<typeof normalizeReceipt> }
  | { type: 'production'; row: ReturnType<typeof normalizeProduction> }
  | { type: 'shipment'; row: ReturnType<typeof normalizeShipment> }
  | { type: 'void'; row: { kind: CorrectedRecordKind; id: string; reason: string } };

export type Step = Planned & { skip: boolean };

function normalize(event: BulkEvent): Planned {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) throw badInput('An event is a JSON object with a "type" (location, product, supplier, customer, receipt, production, shipment or void).');
  // The same rules for codes and text as the API's (its root fields check them by GraphQL type).
  checkTextFields(event);
  switch (event.type) {
    case 'location':
      return { type: 'location', row: normalizeLocation(event) };
    case 'product':
      return { type: 'product', row: normalizeProduct(event) };
    case 'supplier':
    case 'customer': {
      const row = {
        id: requireText(event.id, 'id'),
        name: requireText(event.name, 'name'),
        location: optionalText(event.location, 'location'),
        locationId: optionalText(event.locationId, 'locationId'),
        gln: gs1Field(event.gln, gln, 'gln'),
      };
      return event.type === 'supplier' ? { type: 'supplier', row } : { type: 'customer', row };
    }
    case 'receipt':
      return { type: 'receipt', row: normalizeReceipt(event) };
    case 'production':
      return { type: 'production', row: normalizeProduction(event) };
    case 'shipment':
      return { type: 'shipment', row: normalizeShipment(event) };
    case 'void':
      if (!['RECEIPT', 'PRODUCTION', 'SHIPMENT'].includes(event.kind)) throw badInput('A void names kind RECEIPT, PRODUCTION or SHIPMENT.', 'kind');
      return { type: 'void', row: { kind: event.kind, id: requireText(event.id, 'id'), reason: requireText(event.reason, 'reason') } };
    default:
      throw badInput(`Unknown event type ${JSON.stringify((event as { type: unknown }).type)}; use location, product, supplier, customer, receipt, production, shipment or void.`);
  }
}

const label = (n: number, e: Planned | BulkEvent) => `event ${n + 1} (${e !== null && typeof e === 'object' ? e.type : JSON.stringify(e)})`;

type CodeSets = bulkRepository.CodeSets;

/** What the database already holds of the codes an import names (nothing, for a new database). */
export type ExistingLookup = (codes: CodeSets) => Promise<Map<string, bulkRepository.ExistingCode>>;

export interface ImportPlan {
  /** Every event, checked, in file order; `skip` for repeats already recorded and superseded descriptions. */
  steps: Step[];
  /** Every lot's stock after the whole import, replayed in order. */
  stock: ReadonlyMap<string, LockedLot>;
}

/** Checks every event without writing; returns the plan, or throws ImportRejected. */
export async function planImport(events: readonly BulkEvent[], lookup: ExistingLookup): Promise<ImportPlan> {
  const problems: string[] = [];
  const eventIndexes: number[] = [];
  const problem = (n: number, text: string) => {
    problems.push(text);
    eventIndexes.push(n);
  };
  // The codes as the events name them are looked up while the events are normalized (which keeps
  // a code as given): the database answers while this process hashes. Normalizing gives the event
  // loop a turn every few thousand events, so that the answer is read as it comes, and an import
  // into the running service does not hold up its other requests.
  const asked = namedCodes(events);
  const early = lookup(asked);
  early.catch(() => undefined); // awaited below
  const planned: (Planned | null)[] = [];
  for (let n = 0; n < events.length; n += 1) {
    if (n > 0 && n % 2_000 === 0) await turn();
    try {
      planned.push(normalize(events[n]));
    } catch (error) {
      problem(n, `${label(n, events[n])}: ${(error as Error).message}`);
      planned.push(null);
    }
  }

  // What the normalized events name beyond the codes asked above (places, GTINs, master data): asked now.
  const rest = bulkRepository.noCodes();
  const also = (kind: keyof CodeSets, code: string) => {
    if (!asked[kind].has(code)) rest[kind].add(code);
  };
  for (const p of planned) {
    if (!p) continue;
    for (const id of locationIdsOf(p)) rest.locations.add(id);
    if (p.type === 'product' && p.row.gtin) rest.gtins.add(p.row.gtin);
    if (p.type === 'supplier') also('suppliers', p.row.id);
    if (p.type === 'customer') also('customers', p.row.id);
    if (p.type === 'receipt') {
      also('lots', p.row.code);
      also('suppliers', p.row.supplierId);
    }
    if (p.type === 'production') {
      also('batches', p.row.batch.code);
      for (const i of p.row.inputs) also('lots', i.lotCode);
      for (const o of p.row.outputs) also('lots', o.lotCode);
    }
    if (p.type === 'shipment') {
      also('shipments', p.row.shipment.id);
      also('customers', p.row.shipment.customerId);
      for (const l of p.row.lines) also('lots', l.lotCode);
    }
  }
  const existing = await early;
  if (Object.values(rest).some((set) => set.size > 0)) for (const [key, row] of await lookup(rest)) existing.set(key, row);
  const exists = (kind: string, key: string) => existing.has(`${kind}:${key}`);

  // Replay the events in order over what the database holds, as the API would have taken them.
  const stock = new Map<string, LockedLot>();
  for (const row of existing.values()) {
    if (row.kind === 'lot') stock.set(row.key, { code: row.key, unit: row.unit!, onHandBase: row.onHandBase!, status: row.status! });
  }
  const suppliers = new Set([...asked.suppliers, ...rest.suppliers].filter((id) => exists('supplier', id)));
  const customers = new Set([...asked.customers, ...rest.customers].filter((id) => exists('customer', id)));
  // Locations are written first, so one anywhere in the file counts, wherever the event naming it stands.
  const locations = new Set([...rest.locations].filter((id) => exists('location', id)));
  for (const p of planned) if (p?.type === 'location') locations.add(p.row.id);
  const seen = new Map<string, string | null>();
  const claim = (kind: string, key: string, hash: string | null, n: number, e: Planned): 'new' | 'repeat' | 'taken' => {
    const k = `${kind}:${key}`;
    if (seen.has(k)) {
      if (seen.get(k) === hash && hash !== null) return 'repeat';
      problem(n, `${label(n, e)}: the ${kind} code "${key}" is used twice in the import with different content (ALREADY_EXISTS).`);
      return 'taken';
    }
    seen.set(k, hash);
    const recorded = existing.get(k);
    if (recorded) {
      if ((recorded.inputHash ?? null) === hash && hash !== null) return 'repeat';
      problem(n, `${label(n, e)}: the ${kind} code "${key}" is taken in the database by a different record (ALREADY_EXISTS).`);
      return 'taken';
    }
    return 'new';
  };

  const steps: Step[] = [];
  const lastDescription = new Map<string, Step>();
  const gtins = new Map<string, string>();
  planned.forEach((p, n) => {
    if (!p) return;
    // The planned event itself becomes the step (no copy: a history of millions of events is held once).
    const step = p as Step;
    step.skip = false;
    steps.push(step);
    try {
      if (p.type === 'product' && p.row.gtin) {
        const other = gtins.get(p.row.gtin);
        if (other !== undefined && other !== p.row.sku) throw new Error(`The GTIN ${p.row.gtin} is given to the products ${other} and ${p.row.sku}; one product per GTIN (ALREADY_EXISTS).`);
        const owner = existing.get(`gtin:${p.row.gtin}`)?.owner;
        if (owner && owner !== p.row.sku) throw new Error(`The GTIN ${p.row.gtin} belongs to the product ${owner} in the database; one product per GTIN (ALREADY_EXISTS).`);
        gtins.set(p.row.gtin, p.row.sku);
      }
      if (p.type === 'location' || p.type === 'product') {
        // Upserts, as in the API; the same id twice in a file: the later event wins (and only it is written).
        const key = `${p.type}:${p.type === 'location' ? p.row.id : p.row.sku}`;
        const earlier = lastDescription.get(key);
        if (earlier) earlier.skip = true;
        lastDescription.set(key, step);
        return;
      }
      if (p.type === 'supplier') suppliers.add(p.row.id);
      else if (p.type === 'customer') customers.add(p.row.id);
      else if (p.type === 'receipt') {
        const claimed = claim('lot', p.row.code, p.row.inputHash, n, p);
        step.skip = claimed !== 'new';
        if (claimed !== 'new') return;
        if (!suppliers.has(p.row.supplierId)) throw new Error(`No supplier has the id "${p.row.supplierId}" (NOT_FOUND).`);
        stock.set(p.row.code, { code: p.row.code, unit: p.row.unit, onHandBase: p.row.base, status: 'AVAILABLE' });
      } else if (p.type === 'production') {
        const claimed = claim('batch', p.row.batch.code, p.row.batch.inputHash, n, p);
        step.skip = claimed !== 'new';
        if (claimed !== 'new') return;
        for (const o of p.row.outputs) {
          if (stock.has(o.lotCode) || seen.has(`lot:${o.lotCode}`)) throw new Error(`The lot code "${o.lotCode}" is taken (ALREADY_EXISTS).`);
          seen.set(`lot:${o.lotCode}`, null);
        }
        take(stock, p.row.inputs);
        for (const o of p.row.outputs) stock.set(o.lotCode, { code: o.lotCode, unit: o.unit, onHandBase: o.base, status: 'AVAILABLE' });
      } else if (p.type === 'void') {
        // Checked against the database before the plan (planVoids), which then sees it as it will be after.
        return;
      } else {
        const claimed = claim('shipment', p.row.shipment.id, p.row.shipment.inputHash, n, p);
        step.skip = claimed !== 'new';
        if (claimed !== 'new') return;
        if (!customers.has(p.row.shipment.customerId)) throw new Error(`No customer has the id "${p.row.shipment.customerId}" (NOT_FOUND).`);
        take(stock, p.row.lines);
      }
    } catch (error) {
      const code = error instanceof DomainError ? ` (${error.code})` : '';
      problem(n, `${label(n, p)}: ${(error as Error).message}${code}`);
    }
    // A place that is missing is reported (for what will be written: a repeat already in the
    // database is not checked again), and the replay goes on as if it were there.
    if (step.skip) return;
    for (const id of locationIdsOf(p)) {
      if (!locations.has(id)) problem(n, `${label(n, p)}: No location has the id "${id}" (NOT_FOUND).`);
    }
  });
  if (problems.length > 0) throw new ImportRejected(problems, eventIndexes);
  return { steps, stock };
}

/** The codes of lots, batches, shipments and parties that events name, as given (unchecked). */
function namedCodes(events: readonly BulkEvent[]): CodeSets {
  const codes = bulkRepository.noCodes();
  const add = (set: Set<string>, value: unknown) => {
    if (typeof value === 'string') set.add(value);
  };
  const lotsOf = (lines: unknown) => {
    if (Array.isArray(lines)) for (const line of lines) add(codes.lots, (line as { lotCode?: unknown } | null)?.lotCode);
  };
  for (const e of events) {
    if (e === null || typeof e !== 'object') continue; // normalizing reports it
    if (e.type === 'receipt') {
      add(codes.lots, e.lotCode);
      add(codes.suppliers, e.supplierId);
    } else if (e.type === 'production') {
      add(codes.batches, e.batchCode);
      lotsOf(e.inputs);
      lotsOf(e.outputs);
    } else if (e.type === 'shipment') {
      add(codes.shipments, e.shipmentId);
      add(codes.customers, e.customerId);
      lotsOf(e.lines);
    }
  }
  return codes;
}

/** The Location ids an event names (each must exist, in the file or the database). */
function locationIdsOf(p: Planned): readonly string[] {
  let a: string | null | undefined = null;
  let b: string | null | undefined = null;
  if (p.type === 'supplier' || p.type === 'customer') a = p.row.locationId;
  else if (p.type === 'receipt') {
    a = p.row.receivedAtLocationId;
    b = p.row.tlcSourceLocationId;
  } else if (p.type === 'production') a = p.row.batch.locationId;
  else if (p.type === 'shipment') a = p.row.shipment.fromLocationId;
  // Most events name none: no list is made for them (a file has up to millions).
  if (a == null) return b == null ? NONE : [b];
  return b == null ? [a] : [a, b];
}
const NONE: readonly string[] = [];

/** Applies withdrawals to the replayed stock, with the API's checks and errors. */
function take(stock: Map<string, LockedLot>, withdrawals: readonly { lotCode: string; unit: string; base: bigint }[]) {
  const lots = [...new Set(withdrawals.map((w) => w.lotCode))].map((c) => stock.get(c)).filter((l): l is LockedLot => !!l);
  for (const d of debit(lots, withdrawals)) stock.set(d.lotCode, { ...stock.get(d.lotCode)!, onHandBase: d.onHandBase });
}

const PHASES: Step['type'][][] = [['location', 'product', 'supplier', 'customer'], ['receipt'], ['production'], ['shipment']];

async function writeChunk(tx: Runner, chunk: Step[]) {
  const rowsOf = (type: Step['type']) => chunk.filter((s) => s.type === type).map((s) => s.row as never);
  if (chunk.some((s) => s.type === 'location')) await bulkRepository.upsertLocations(tx, rowsOf('location'));
  if (chunk.some((s) => s.type === 'product')) await bulkRepository.upsertProducts(tx, rowsOf('product'));
  if (chunk.some((s) => s.type === 'supplier')) await bulkRepository.upsertSuppliers(tx, rowsOf('supplier'));
  if (chunk.some((s) => s.type === 'customer')) await bulkRepository.upsertCustomers(tx, rowsOf('customer'));
  if (chunk[0].type === 'receipt') await bulkRepository.createReceivedLots(tx, rowsOf('receipt'));
  if (chunk[0].type === 'production') await bulkRepository.createBatches(tx, rowsOf('production'));
  if (chunk[0].type === 'shipment') await bulkRepository.createShipments(tx, rowsOf('shipment'));
}

/** Runs `tasks` with at most `width` at a time. */
async function pool(width: number, tasks: (() => Promise<void>)[]) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

/**
 * Writes the checked events: parties, then receipts, then productions in their order (a batch
 * may consume what an earlier one made), then shipments (nothing depends on them), a chunk per
 * transaction, receipts and shipments by `writers` transactions at once. Last, every lot the
 * import touched gets its on-hand quantity recomputed from its edges, so that a re-run after a
 * crash ends consistent too.
 */
export async function importEvents(db: Db, events: readonly BulkEvent[], options: ImportOptions = {}): Promise<ImportReport> {
  const chunkSize = options.chunkSize ?? 2_000;
  const writers = options.writers ?? 2;
  const checkStarted = performance.now();
  const voids = events.filter((e): e is Extract<BulkEvent, { type: 'void' }> => e.type === 'void');
  const { previews, refused } = await planVoids(db, voids.map(({ kind, id }) => ({ kind, id })));
  if (refused.length > 0) throw new ImportRejected(refused.map((r) => `void of ${r.kind.toLowerCase()} ${r.id}: ${r.message}`));
  const { steps } = options.plan ?? (await planImport(events, async (codes) => afterVoids(await bulkRepository.existingCodes(db, codes), previews)));
  const checkSeconds = (performance.now() - checkStarted) / 1000;

  const writeStarted = performance.now();
  // Voids first, in one transaction: the records after them may take their codes and stock.
  const current = voids.filter((v) => previews.some((p) => p.kind === v.kind && p.id === v.id));
  if (current.length > 0) {
    await db.write(async (tx) => {
      for (const v of current) await voidIn(tx, v, { keyId: options.by?.keyId ?? null, name: options.by?.name ?? 'bulk import' });
    });
  }
  const todo = steps.filter((s) => !s.skip && s.type !== 'void');
  let written = 0;
  let phaseStarted = performance.now();
  const phaseDone = (name: string) => {
    options.onPhase?.(name, (performance.now() - phaseStarted) / 1000);
    phaseStarted = performance.now();
  };
  for (const phase of PHASES) {
    const list = todo.filter((s) => phase.includes(s.type));
    const chunks = Array.from({ length: Math.ceil(list.length / chunkSize) }, (_, i) => list.slice(i * chunkSize, (i + 1) * chunkSize));
    const tasks = chunks.map((chunk) => async () => {
      await db.write((tx) => writeChunk(tx, chunk));
      written += chunk.length;
      options.onProgress?.(written, todo.length);
    });
    await pool(phase.includes('production') ? 1 : writers, tasks);
    phaseDone(phase.join('+'));
  }
  const touched = new Set<string>();
  for (const s of steps) {
    if (s.type === 'production') for (const i of s.row.inputs) touched.add(i.lotCode);
    if (s.type === 'shipment') for (const l of s.row.lines) touched.add(l.lotCode);
  }
  const codes = [...touched];
  for (let i = 0; i < codes.length; i += chunkSize) {
    const slice = codes.slice(i, i + chunkSize);
    await db.write(async (tx) => {
      const rows = (await lotBalances(tx, slice)).map((b) => {
        const onHandBase = expectedOnHand(b);
        return { lotCode: b.code, onHandBase, onHand: fromBase(onHandBase, b.unit) };
      });
      await bulkRepository.setOnHand(tx, rows);
    });
  }
  phaseDone('on-hand');
  return {
    events: events.length,
    written,
    skipped: steps.length - todo.length,
    checkSeconds,
    writeSeconds: (performance.now() - writeStarted) / 1000,
  };
}
