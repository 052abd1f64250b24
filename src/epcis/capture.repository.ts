import { cypher } from '../db/cypher.js';
import type { Db, Runner } from '../db/driver.js';
import { columns } from '../db/values.js';
import type { CorrectedRecordKind } from '../correction/correction.mappers.js';
import type { Known, MappedEvent, PalletLine, Wanted } from './capture.mapping.js';

const q = {
  knownIdentifiers: cypher('epcis/knownIdentifiers'),
  recordEvents: cypher('epcis/recordEvents'),
  markStubs: cypher('epcis/markStubs'),
  startCapture: cypher('epcis/startCapture'),
  finishCapture: cypher('epcis/finishCapture'),
  capture: cypher('epcis/capture'),
  touchCapture: cypher('epcis/touchCapture'),
  eventBody: cypher('epcis/eventBody'),
  mergeClasses: cypher('epcis/mergeClasses'),
};

interface KnownRow {
  kind: 'location' | 'locationId' | 'supplier' | 'customer' | 'product' | 'tlc' | 'lot' | 'pallet' | 'event';
  key: string;
  id: string;
  own: boolean | null;
  name: string | null;
  inputHash: string | null;
  contents: string | string[] | null;
}

/** What the database holds of a document's identifiers, asked in slices so that no parameter list grows unbounded. */
export async function knownIdentifiers(db: Db, wanted: Wanted, idBase: string, slice = 20_000): Promise<Known> {
  const known: Known = {
    locations: new Map(), locationsById: new Map(), products: new Map(), suppliers: new Map(), customers: new Map(),
    lotsByTlc: new Map(), lots: new Map(), pallets: new Map(), events: new Map(), idBase,
  };
  const lists = {
    glns: [...wanted.glns],
    locationIds: [...wanted.locationIds],
    gtins: [...wanted.gtins],
    tlcs: [...wanted.tlcs].map((t) => ({ gtin: t.slice(0, 14), lot: t.slice(15) })),
    lotCodes: [...wanted.lotCodes],
    ssccs: [...wanted.ssccs],
    eventIds: [...wanted.eventIds],
  };
  const longest = Math.max(...Object.values(lists).map((l) => l.length));
  for (let start = 0; start < longest; start += slice) {
    const params = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, v.slice(start, start + slice)]));
    for (const row of await db.run<KnownRow>(q.knownIdentifiers, params)) {
      switch (row.kind) {
        case 'location': {
          const before = known.locations.get(row.key);
          if (!before || (!before.own && row.own)) known.locations.set(row.key, { id: row.id, own: row.own === true });
          break;
        }
        case 'locationId':
          known.locationsById.set(row.key, { id: row.id, own: row.own === true });
          break;
        case 'supplier':
          known.suppliers.set(row.key, row.id);
          break;
        case 'customer':
          known.customers.set(row.key, row.id);
          break;
        case 'product':
          known.products.set(row.key, { sku: row.id, name: row.name ?? row.id });
          break;
        case 'tlc':
          known.lotsByTlc.set(row.key, [...(known.lotsByTlc.get(row.key) ?? []), row.id]);
          known.lots.set(row.id, { inputHash: row.inputHash });
          break;
        case 'lot':
          known.lots.set(row.id, { inputHash: row.inputHash });
          break;
        case 'pallet':
          known.pallets.set(row.key, JSON.parse((row.contents as string | null) ?? '[]') as PalletLine[]);
          break;
        case 'event':
          known.events.set(row.key, {
            hash: row.inputHash ?? '',
            declared: row.own === true,
            records: ((row.contents as string[] | null) ?? []).map((r) => {
              const [kind, ...id] = r.split(' ');
              return { kind: kind as CorrectedRecordKind, id: id.join(' ') };
            }),
          });
          break;
      }
    }
  }
  return known;
}

/** A captured event as recordEvents writes it. */
export interface EventRow extends Pick<MappedEvent, 'eventId' | 'eventHash' | 'type' | 'eventTime' | 'bizStep' | 'action' | 'use' | 'gln' | 'epcClasses'> {
  body: string;
  palletSscc: string | null;
  palletContents: string | null;
  errorDeclaration: string | null;
  captureId: string;
  lots: string[];
  batches: string[];
  shipments: string[];
  inputs: PartnerClassRow[];
  outputs: PartnerClassRow[];
}

export interface PartnerClassRow {
  epcClass: string;
  quantity: number | null;
  uom: string | null;
}

const EVENT_FIELDS = [
  'eventId', 'eventHash', 'type', 'eventTime', 'bizStep', 'action', 'use', 'gln', 'epcClasses', 'body', 'palletSscc', 'palletContents',
  'errorDeclaration', 'captureId', 'lots', 'batches', 'shipments', 'inputs', 'outputs',
] as const satisfies readonly (keyof EventRow)[];

export const recordEvents = (tx: Runner, events: EventRow[]) => tx.run(q.recordEvents, { events: columns(events, EVENT_FIELDS) });
export const mergeClasses = (tx: Runner, uris: string[]) => tx.run(q.mergeClasses, { uris });
export const markStubs = (tx: Runner, stubs: Record<'locations' | 'products' | 'suppliers' | 'customers', string[]>) => tx.run(q.markStubs, stubs);

export interface CaptureRecord {
  id: string;
  createdAt: string;
  /** JSON text {success, errors, summary, finishedAt}; null while it runs. */
  outcome: string | null;
  events: number;
  byKeyId: string | null;
  /** Running, but its process has given no heartbeat for a minute: it stopped. */
  stale: boolean;
}

export const startCapture = (db: Db, capture: { id: string; events: number; byKeyId: string | null; by: string | null }) => db.write((tx) => tx.run(q.startCapture, { capture }));
export const finishCapture = (db: Db, id: string, outcome: { success: boolean; errors: unknown; summary: unknown }) =>
  db.write((tx) => tx.run(q.finishCapture, { id, outcome: JSON.stringify({ ...outcome, finishedAt: new Date().toISOString() }) }));
export const capture = async (db: Db, id: string) => (await db.run<{ capture: CaptureRecord }>(q.capture, { id }))[0]?.capture ?? null;
export const touchCapture = (db: Db, id: string) => db.write((tx) => tx.run(q.touchCapture, { id }));

/** A captured event's JSON text, as it came; null when none has the id. */
export const eventBody = async (db: Db, eventId: string) => (await db.run<{ body: string }>(q.eventBody, { eventId }))[0]?.body ?? null;
