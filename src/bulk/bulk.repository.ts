import { cypher } from '../db/cypher.js';
import { columns } from '../db/values.js';
import type { Db, Runner } from '../db/driver.js';
import type { LotRecord } from '../lot/lot.mappers.js';
import type { NewReceivedLot } from '../receiving/receiving.repository.js';

const q = {
  existingCodes: cypher('bulk/existingCodes'),
  upsertLocations: cypher('bulk/upsertLocations'),
  upsertProducts: cypher('bulk/upsertProducts'),
  upsertSuppliers: cypher('bulk/upsertSuppliers'),
  upsertCustomers: cypher('bulk/upsertCustomers'),
  createReceivedLots: cypher('bulk/createReceivedLots'),
  createBatches: cypher('bulk/createBatches'),
  createShipments: cypher('bulk/createShipments'),
  setOnHand: cypher('bulk/setOnHand'),
};

export interface ExistingCode {
  kind: 'lot' | 'batch' | 'shipment' | 'supplier' | 'customer' | 'location' | 'gtin';
  key: string;
  inputHash: string | null;
  unit: string | null;
  onHandBase: bigint | null;
  status: LotRecord['status'] | null;
  /** For a GTIN: the SKU of the product that has it. */
  owner: string | null;
}

export type CodeSets = Record<'lots' | 'batches' | 'shipments' | 'suppliers' | 'customers' | 'locations' | 'gtins', Set<string>>;

/** Code sets with nothing in them, to be filled. */
export const noCodes = (): CodeSets => ({ lots: new Set(), batches: new Set(), shipments: new Set(), suppliers: new Set(), customers: new Set(), locations: new Set(), gtins: new Set() });

/** Which codes exist, keyed "kind:key"; asked in slices so that no parameter list grows unbounded. */
export async function existingCodes(db: Db, codes: CodeSets, slice = 50_000): Promise<Map<string, ExistingCode>> {
  const found = new Map<string, ExistingCode>();
  const lists = Object.fromEntries(Object.entries(codes).map(([k, v]) => [k, [...v]])) as Record<keyof CodeSets, string[]>;
  const longest = Math.max(...Object.values(lists).map((l) => l.length));
  for (let start = 0; start < longest; start += slice) {
    const params = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, v.slice(start, start + slice)]));
    for (const row of await db.run<ExistingCode>(q.existingCodes, params)) found.set(`${row.kind}:${row.key}`, row);
  }
  return found;
}

export const upsertLocations = (tx: Runner, rows: unknown[]) => tx.run(q.upsertLocations, { rows });
export const upsertProducts = (tx: Runner, rows: unknown[]) => tx.run(q.upsertProducts, { rows });
export const upsertSuppliers = (tx: Runner, rows: unknown[]) => tx.run(q.upsertSuppliers, { rows });
export const upsertCustomers = (tx: Runner, rows: unknown[]) => tx.run(q.upsertCustomers, { rows });
const RECEIPT_FIELDS = [
  'code', 'productSku', 'productName', 'supplierId', 'supplierLotCode', 'amount', 'unit', 'base', 'receivedAt', 'referenceDocument',
  'referenceDocumentType', 'receivedAtLocationId', 'tlcSourceLocationId', 'tlcSourceReference', 'countCode', 'inputHash',
] as const satisfies readonly (keyof NewReceivedLot)[];

export const createReceivedLots = (tx: Runner, rows: readonly NewReceivedLot[]) => tx.run(q.createReceivedLots, { lots: columns(rows, RECEIPT_FIELDS) });

/** The items of every row's list in one run, and where each row's start and how many it has. */
function flatten<T, I>(rows: readonly T[], items: (row: T) => readonly I[]): { all: I[]; first: number[]; count: number[] } {
  const all: I[] = [];
  const first: number[] = [];
  const count: number[] = [];
  for (const row of rows) {
    const list = items(row);
    first.push(all.length);
    count.push(list.length);
    for (const item of list) all.push(item);
  }
  return { all, first, count };
}

interface BatchRow {
  batch: { code: string; producedAt: string; inputHash: string; locationId: string | null; referenceDocumentType: string | null; referenceDocument: string | null };
  inputs: { line: number; lotCode: string; amount: number; unit: string; base: bigint }[];
  outputs: { line: number; lotCode: string; productSku: string; productName: string; amount: number; unit: string; base: bigint; countCode?: string; lotNumber?: string }[];
}

export function createBatches(tx: Runner, rows: readonly BatchRow[]) {
  const outputs = flatten(rows, (r) => r.outputs);
  const inputs = rows.flatMap(({ batch, inputs }) => inputs.map((i) => ({ ...i, batchCode: batch.code })));
  return tx.run(q.createBatches, {
    batches: {
      ...columns(rows.map((r) => r.batch), ['code', 'producedAt', 'inputHash', 'locationId', 'referenceDocumentType', 'referenceDocument']),
      firstOutput: outputs.first,
      outputCount: outputs.count,
    },
    outputs: columns(outputs.all, ['line', 'lotCode', 'productSku', 'productName', 'amount', 'unit', 'base', 'countCode', 'lotNumber']),
    inputs: columns(inputs, ['batchCode', 'line', 'lotCode', 'amount', 'unit', 'base']),
  });
}

interface ShipmentRow {
  shipment: { id: string; customerId: string; shippedAt: string; referenceDocument: string | null; inputHash: string; fromLocationId: string | null; referenceDocumentType: string | null };
  lines: { line: number; lotCode: string; amount: number; unit: string; base: bigint }[];
}

export function createShipments(tx: Runner, rows: readonly ShipmentRow[]) {
  const lines = flatten(rows, (r) => r.lines);
  return tx.run(q.createShipments, {
    shipments: {
      ...columns(rows.map((r) => r.shipment), ['id', 'customerId', 'shippedAt', 'referenceDocument', 'inputHash', 'fromLocationId', 'referenceDocumentType']),
      firstLine: lines.first,
      lineCount: lines.count,
    },
    lines: columns(lines.all, ['line', 'lotCode', 'amount', 'unit', 'base']),
  });
}

export const setOnHand = (tx: Runner, rows: { lotCode: string; onHandBase: bigint; onHand: number }[]) => tx.run(q.setOnHand, { rows });
