import { cypher } from '../db/cypher.js';
import type { Db, Runner } from '../db/driver.js';
import type { LotRecord } from '../lot/lot.mappers.js';

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
export const createReceivedLots = (tx: Runner, rows: unknown[]) => tx.run(q.createReceivedLots, { rows });
export const createBatches = (
  tx: Runner,
  rows: { batch: { code: string }; inputs: Record<string, unknown>[]; outputs: unknown[] }[],
) =>
  tx.run(q.createBatches, {
    rows: rows.map(({ batch, outputs }) => ({ batch, outputs })),
    inputs: rows.flatMap(({ batch, inputs }) => inputs.map((i) => ({ ...i, batchCode: batch.code }))),
  });
export const createShipments = (tx: Runner, rows: unknown[]) => tx.run(q.createShipments, { rows });
export const setOnHand = (tx: Runner, rows: { lotCode: string; onHandBase: bigint; onHand: number }[]) => tx.run(q.setOnHand, { rows });
