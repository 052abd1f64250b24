import type { ScopeParam } from '../auth/principal.js';
import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import { distinctIds } from '../fsma/fsma.repository.js';
import type { LockedLot } from '../lot/lot.repository.js';
import { type Debit, withdrawalPlan } from '../lot/stock.js';
import type { ShipmentLineMapper, ShipmentMapper } from './shipping.mappers.js';

const q = {
  shipmentsByIds: cypher('shipping/shipmentsByIds'),
  shipmentLinesByShipmentIds: cypher('shipping/shipmentLinesByShipmentIds'),
  shipmentLinesByLotCodes: cypher('shipping/shipmentLinesByLotCodes'),
  recordShipment: cypher('shipping/recordShipment'),
};

export const shipmentsByIds = async (db: Runner, ids: readonly string[], scope: ScopeParam | null = null) =>
  (await db.run<{ id: string; shipment: ShipmentMapper }>(q.shipmentsByIds, { ids, scope })).map(({ id, shipment }) => ({
    id,
    shipment: { ...shipment, referenceDocument: shipment.referenceDocument ?? null },
  }));

export type LineRow = Omit<ShipmentLineMapper, 'shippedAt' | 'customer' | 'line'> & {
  line: bigint | number;
  shippedAtMs: bigint;
  customerName: string;
  customerLocation: string | null;
};

/**
 * Oldest first, then by shipment and line: the order every list of lines is shown in. Sorted on
 * the numbers before any object or date string is made (a trace's thousands of lines: 7.5 ms
 * became about 1 ms); the time is then printed once per line.
 */
export function toLines(rows: LineRow[]): ShipmentLineMapper[] {
  const keyed = rows.map((row) => ({ row, ms: Number(row.shippedAtMs), line: Number(row.line) }));
  keyed.sort((a, b) => a.ms - b.ms || cmp(a.row.shipmentId, b.row.shipmentId) || a.line - b.line);
  return keyed.map(({ row, ms, line }) => ({
    shipmentId: row.shipmentId,
    line,
    lotCode: row.lotCode,
    amount: row.amount,
    unit: row.unit,
    customerId: row.customerId,
    shippedAt: new Date(ms).toISOString(),
    customer: { id: row.customerId, name: row.customerName, location: row.customerLocation },
  }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const shipmentLinesByShipmentIds = async (db: Runner, ids: readonly string[], scope: ScopeParam | null = null) =>
  toLines(await db.run<LineRow>(q.shipmentLinesByShipmentIds, { ids, scope }));

export const shipmentLinesByLotCodes = async (db: Runner, codes: readonly string[], scope: ScopeParam | null = null) =>
  toLines((await db.run<Omit<LineRow, 'lotCode'> & { code: string }>(q.shipmentLinesByLotCodes, { codes, scope })).map(({ code, ...line }) => ({ ...line, lotCode: code })));

export interface NewShipment {
  shipment: { id: string; customerId: string; shippedAt: string; referenceDocument: string | null; inputHash: string; fromLocationId: string | null; referenceDocumentType: string | null };
  lines: { line: number; lotCode: string; amount: number; unit: string; base: bigint }[];
}

export interface RecordedShipment {
  /** What is already recorded under the code, with the fingerprint of the input that recorded it. */
  existing: (ShipmentMapper & { inputHash: string }) | null;
  customerExists: boolean;
  missingLocationIds: string[];
  locked: LockedLot[];
  shipment: ShipmentMapper | null;
  debits: Debit[];
}

const withReference = <S extends ShipmentMapper>(s: S | null): S | null => (s ? { ...s, referenceDocument: s.referenceDocument ?? null } : null);

/**
 * Checks and writes a shipment in one statement (see recordShipment.cypher); writes nothing when a
 * check fails. It writes the mutation's audit record with the shipment when one is carried (audit.ts).
 */
export async function recordShipment(tx: Runner, params: NewShipment): Promise<RecordedShipment> {
  const [row] = await tx.run<RecordedShipment>(q.recordShipment, {
    ...params,
    auditRecord: null,
    locationIds: distinctIds([params.shipment.fromLocationId]),
    ...withdrawalPlan(params.lines),
  });
  return { ...row, existing: withReference(row.existing), shipment: withReference(row.shipment) };
}
