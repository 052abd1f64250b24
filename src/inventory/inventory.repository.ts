import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { AdjustmentMapper } from './inventory.mappers.js';

const q = {
  adjustmentForRecording: cypher('inventory/adjustmentForRecording'),
  createAdjustment: cypher('inventory/createAdjustment'),
  adjustmentsByIds: cypher('inventory/adjustmentsByIds'),
  adjustmentsByLotCodes: cypher('inventory/adjustmentsByLotCodes'),
};

export const adjustmentForRecording = async (tx: Runner, adjustmentId: string) =>
  (await tx.run<{ existingHash: string | null; idTaken: boolean }>(q.adjustmentForRecording, { adjustmentId }))[0];

export interface NewAdjustment {
  id: string;
  lotCode: string;
  kind: AdjustmentMapper['kind'];
  direction: AdjustmentMapper['direction'];
  amount: number;
  unit: string;
  base: bigint;
  reason: string;
  by: string;
  at: string;
  inputHash: string;
}

export const createAdjustment = async (tx: Runner, adjustment: NewAdjustment, lot: { onHandBase: bigint; onHand: number }) =>
  (await tx.run<{ adjustment: AdjustmentMapper }>(q.createAdjustment, { adjustment, lot }))[0].adjustment;

export const adjustmentsByIds = (db: Runner, ids: readonly string[]) =>
  db.run<{ id: string; adjustment: AdjustmentMapper }>(q.adjustmentsByIds, { ids });

export const adjustmentsByLotCodes = (db: Runner, codes: readonly string[]) =>
  db.run<{ code: string; adjustment: AdjustmentMapper }>(q.adjustmentsByLotCodes, { codes });
