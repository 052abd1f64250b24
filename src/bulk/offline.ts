/**
 * The offline import: a first migration of history into a new, empty database through Neo4j's
 * own bulk importer (`neo4j-admin database import full`), which writes the store files directly
 * instead of running transactions. The events are checked exactly as the online import checks
 * them (planImport: every rule, every problem listed, nothing written on any), then written as
 * CSV files of nodes and relationships with the very properties the online import's statements
 * write, and imported while the launcher's Neo4j is stopped. Neo4j is started again afterwards
 * and lotgraph's constraints and indexes are created on the imported data.
 *
 * Only for the launcher's database, and only when it holds nothing: the importer replaces the
 * whole database. Anything else is refused before a file is written.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify';
import { connectToLauncher } from '../db/connect.js';
import { adminTool, type LauncherConfig, LauncherError, start, status, stop } from '../db/launcher.js';
import { applySchema } from '../db/schema.js';
import { fromBase } from '../units.js';
import { type BulkEvent, ImportRejected, type PartyRow, planImport } from './bulk.service.js';

export interface OfflineReport {
  events: number;
  nodes: number;
  relationships: number;
  checkSeconds: number;
  /** Writing the CSV files. */
  csvSeconds: number;
  /** neo4j-admin database import full. */
  importSeconds: number;
  /** Starting Neo4j and creating the constraints and indexes on the imported data. */
  startSeconds: number;
}

export interface OfflineOptions {
  log?: (line: string) => void;
  /** Where the CSV files are written (a temporary directory, removed afterwards, unless given). */
  workDir?: string;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/** Nodes in the database (the launcher's Neo4j must be running). */
async function nodeCount(c: LauncherConfig): Promise<number> {
  const db = connectToLauncher(c);
  try {
    const [row] = await db.run<{ n: bigint }>({ name: 'offline/nodeCount', text: 'MATCH (n) RETURN count(n) AS n' });
    return Number(row.n);
  } finally {
    await db.close();
  }
}

/** Refuses unless the launcher's database is new or empty; leaves Neo4j stopped. */
async function requireEmptyDatabase(c: LauncherConfig, log: (line: string) => void): Promise<void> {
  const running = (await status(c)).running;
  if (!running && !existsSync(path.join(c.dataDir, 'databases', 'neo4j'))) return;
  if (!running) await start(c, log);
  const n = await nodeCount(c);
  if (n > 0) {
    if (!running) await stop(c);
    throw new LauncherError(
      `The offline import is for a new, empty database, and this one holds ${n} nodes; nothing was imported. ` +
        'Use the online import (npm run import -- <file>), which adds to what is there.',
    );
  }
  log('Stopping Neo4j for the offline import...');
  await stop(c);
}

/** One CSV file written row by row, with back-pressure; `count` rows so far. */
function csvFile(file: string, header: string[]) {
  const out = createWriteStream(file);
  // Booleans as the importer reads them (csv-stringify writes 1 and an empty field by default).
  const csv = stringify({ header: true, columns: header, cast: { boolean: (v) => (v ? 'true' : 'false') } });
  csv.pipe(out);
  let count = 0;
  return {
    file,
    get count() {
      return count;
    },
    async write(row: unknown[]) {
      count += 1;
      if (!csv.write(row)) await once(csv, 'drain');
    },
    async end() {
      csv.end();
      await once(out, 'finish');
    },
  };
}

/** Imports checked events into the launcher's new, empty database through neo4j-admin. */
export async function offlineImport(events: readonly BulkEvent[], c: LauncherConfig, options: OfflineOptions = {}): Promise<OfflineReport> {
  const log = options.log ?? (() => undefined);
  if (events.some((e) => e.type === 'void')) throw new ImportRejected(['A void corrects records a database holds; the offline import makes a new database. Import voids online.']);
  let t = performance.now();
  // Checked first, with no database to ask: it must be empty, so no code is taken there.
  const { steps, stock } = await planImport(events, async () => new Map());
  const checkSeconds = seconds(t);
  await requireEmptyDatabase(c, log);

  t = performance.now();
  const dir = options.workDir ?? mkdtempSync(path.join(os.tmpdir(), 'lotgraph-offline-'));
  const recordedAt = new Date().toISOString();
  const files = {
    location: csvFile(path.join(dir, 'locations.csv'), ['id:ID(Location)', 'businessName', 'own:boolean', 'phone', 'street', 'city', 'state', 'postalCode', 'country', 'fdaRegistration', 'gln', 'url']),
    product: csvFile(path.join(dir, 'products.csv'), ['sku:ID(Product)', 'name', 'onFoodTraceabilityList:boolean', 'brand', 'commodity', 'variety', 'packSize', 'packStyle', 'gtin']),
    supplier: csvFile(path.join(dir, 'suppliers.csv'), ['id:ID(Supplier)', 'name', 'location', 'locationId', 'gln']),
    customer: csvFile(path.join(dir, 'customers.csv'), ['id:ID(Customer)', 'name', 'location', 'locationId', 'gln']),
    lot: csvFile(path.join(dir, 'lots.csv'), [
      'code:ID(Lot)', 'productSku', 'productName', 'supplierLotCode', 'quantity:double', 'unit', 'quantityBase:long', 'onHand:double',
      'onHandBase:long', 'status', 'receivedAt:datetime', 'producedAt:datetime', 'referenceDocument', 'referenceDocumentType',
      'receivedAtLocationId', 'tlcSourceLocationId', 'tlcSourceReference', 'inputHash', 'recordedAt:datetime',
    ]),
    batch: csvFile(path.join(dir, 'batches.csv'), ['code:ID(Batch)', 'producedAt:datetime', 'inputHash', 'recordedAt:datetime', 'locationId', 'referenceDocumentType', 'referenceDocument']),
    shipment: csvFile(path.join(dir, 'shipments.csv'), ['id:ID(Shipment)', 'shippedAt:datetime', 'referenceDocument', 'inputHash', 'recordedAt:datetime', 'fromLocationId', 'referenceDocumentType']),
    supplied: csvFile(path.join(dir, 'supplied.csv'), [':START_ID(Supplier)', ':END_ID(Lot)', 'receivedAt:datetime', 'quantity:double', 'unit', 'referenceDocument']),
    produced: csvFile(path.join(dir, 'produced.csv'), [':START_ID(Batch)', ':END_ID(Lot)', 'line:long', 'quantity:double', 'unit']),
    consumedIn: csvFile(path.join(dir, 'consumed_in.csv'), [':START_ID(Lot)', ':END_ID(Batch)', 'line:long', 'quantity:double', 'unit', 'quantityBase:long']),
    to: csvFile(path.join(dir, 'to.csv'), [':START_ID(Shipment)', ':END_ID(Customer)']),
    shippedTo: csvFile(path.join(dir, 'shipped_to.csv'), [':START_ID(Lot)', ':END_ID(Customer)', 'shipmentId', 'line:long', 'quantity:double', 'unit', 'quantityBase:long', 'shippedAt:datetime']),
  };
  const onHand = (code: string, unit: string) => {
    const base = stock.get(code)!.onHandBase;
    return [fromBase(base, unit), base];
  };
  try {
    // Parties are upserts: the last event for an id gives its name, and its place and GLN unless it names none.
    const parties = { supplier: new Map<string, PartyRow>(), customer: new Map<string, PartyRow>() };
    for (const s of steps) {
      if (s.skip) continue;
      if (s.type === 'supplier' || s.type === 'customer') {
        const known = parties[s.type].get(s.row.id);
        parties[s.type].set(s.row.id, { ...s.row, location: s.row.location ?? known?.location ?? null, locationId: s.row.locationId ?? known?.locationId ?? null, gln: s.row.gln ?? known?.gln ?? null });
      }
    }
    for (const [kind, rows] of Object.entries(parties) as ['supplier' | 'customer', Map<string, PartyRow>][]) {
      for (const p of rows.values()) await files[kind].write([p.id, p.name, p.location, p.locationId, p.gln]);
    }
    for (const s of steps) {
      if (s.skip) continue;
      switch (s.type) {
        case 'location': {
          const l = s.row;
          await files.location.write([l.id, l.businessName, l.own, l.phone, l.street, l.city, l.state, l.postalCode, l.country, l.fdaRegistration, l.gln, l.url]);
          break;
        }
        case 'product': {
          const p = s.row;
          await files.product.write([p.sku, p.name, p.onFoodTraceabilityList, p.brand, p.commodity, p.variety, p.packSize, p.packStyle, p.gtin]);
          break;
        }
        case 'receipt': {
          const l = s.row;
          await files.lot.write([
            l.code, l.productSku, l.productName, l.supplierLotCode, l.amount, l.unit, l.base, ...onHand(l.code, l.unit), 'AVAILABLE',
            l.receivedAt, null, l.referenceDocument, l.referenceDocumentType, l.receivedAtLocationId, l.tlcSourceLocationId,
            l.tlcSourceReference, l.inputHash, recordedAt,
          ]);
          await files.supplied.write([l.supplierId, l.code, l.receivedAt, l.amount, l.unit, l.referenceDocument]);
          break;
        }
        case 'production': {
          const { batch: b, inputs, outputs } = s.row;
          await files.batch.write([b.code, b.producedAt, b.inputHash, recordedAt, b.locationId, b.referenceDocumentType, b.referenceDocument]);
          for (const o of outputs) {
            await files.lot.write([
              o.lotCode, o.productSku, o.productName, null, o.amount, o.unit, o.base, ...onHand(o.lotCode, o.unit), 'AVAILABLE',
              null, b.producedAt, null, null, null, null, null, null, recordedAt,
            ]);
            await files.produced.write([b.code, o.lotCode, o.line, o.amount, o.unit]);
          }
          for (const i of inputs) await files.consumedIn.write([i.lotCode, b.code, i.line, i.amount, i.unit, i.base]);
          break;
        }
        case 'shipment': {
          const { shipment: sh, lines } = s.row;
          await files.shipment.write([sh.id, sh.shippedAt, sh.referenceDocument, sh.inputHash, recordedAt, sh.fromLocationId, sh.referenceDocumentType]);
          await files.to.write([sh.id, sh.customerId]);
          for (const l of lines) await files.shippedTo.write([l.lotCode, sh.customerId, sh.id, l.line, l.amount, l.unit, l.base, sh.shippedAt]);
          break;
        }
        default:
          break;
      }
    }
    for (const f of Object.values(files)) await f.end();
    const csvSeconds = seconds(t);

    t = performance.now();
    const nodeFiles = [['Location', files.location], ['Product', files.product], ['Supplier', files.supplier], ['Customer', files.customer], ['Lot', files.lot], ['Batch', files.batch], ['Shipment', files.shipment]] as const;
    const relFiles = [['SUPPLIED', files.supplied], ['PRODUCED', files.produced], ['CONSUMED_IN', files.consumedIn], ['TO', files.to], ['SHIPPED_TO', files.shippedTo]] as const;
    log(`Importing ${events.length} events with neo4j-admin database import...`);
    const run = adminTool(c, [
      'database', 'import', 'full',
      '--overwrite-destination=true',
      ...nodeFiles.map(([label, f]) => `--nodes=${label}=${f.file}`),
      ...relFiles.map(([type, f]) => `--relationships=${type}=${f.file}`),
      `--report-file=${path.join(dir, 'import.report')}`,
      'neo4j',
    ]);
    if (run.status !== 0) throw new LauncherError(`neo4j-admin database import failed; nothing was imported:\n${run.output.split('\n').slice(-30).join('\n')}`);
    const importSeconds = seconds(t);

    t = performance.now();
    await start(c, log);
    const db = connectToLauncher(c);
    try {
      await applySchema(db);
    } finally {
      await db.close();
    }
    return {
      events: events.length,
      nodes: nodeFiles.reduce((n, [, f]) => n + f.count, 0),
      relationships: relFiles.reduce((n, [, f]) => n + f.count, 0),
      checkSeconds,
      csvSeconds,
      importSeconds,
      startSeconds: seconds(t),
    };
  } catch (error) {
    // The database held nothing before; whatever failed, Neo4j is left running, not stopped.
    if (!(await status(c)).running) await start(c, log).catch(() => undefined);
    throw error;
  } finally {
    if (!options.workDir) rmSync(dir, { recursive: true, force: true });
  }
}
