import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { ShipmentLineMapper, ShipmentMapper } from './shipping.mappers.js';

const q = {
  shipmentsByIds: cypher('shipping/shipmentsByIds'),
  shipmentLinesByShipmentIds: cypher('shipping/shipmentLinesByShipmentIds'),
  shipmentLinesByLotCodes: cypher('shipping/shipmentLinesByLotCodes'),
  shipmentForRecording: cypher('shipping/shipmentForRecording'),
  createShipment: cypher('shipping/createShipment'),
};

export const shipmentsByIds = (db: Runner, ids: readonly string[]) =>
  db.run<{ id: string; shipment: ShipmentMapper }>(q.shipmentsByIds, { ids });

export const shipmentLinesByShipmentIds = (db: Runner, ids: readonly string[]) =>
  db.run<ShipmentLineMapper>(q.shipmentLinesByShipmentIds, { ids });

export const shipmentLinesByLotCodes = async (db: Runner, codes: readonly string[]) =>
  (await db.run<Omit<ShipmentLineMapper, 'lotCode'> & { code: string }>(q.shipmentLinesByLotCodes, { codes })).map(
    ({ code, ...line }): ShipmentLineMapper => ({ ...line, lotCode: code }),
  );

export const shipmentForRecording = async (tx: Runner, shipmentId: string, customerId: string) =>
  (await tx.run<{ existingHash: string | null; idTaken: boolean; customerExists: boolean }>(q.shipmentForRecording, {
    shipmentId,
    customerId,
  }))[0];

export interface NewShipment {
  shipment: { id: string; customerId: string; shippedAt: string; referenceDocument: string | null; inputHash: string };
  lines: { line: number; lotCode: string; amount: number; unit: string; base: bigint }[];
  debits: { lotCode: string; onHandBase: bigint; onHand: number }[];
}

export const createShipment = async (tx: Runner, params: NewShipment) =>
  (await tx.run<{ shipment: ShipmentMapper }>(q.createShipment, { ...params }))[0].shipment;
