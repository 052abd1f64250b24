import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { CorrectedRecordKind, CorrectionMapper } from './correction.mappers.js';

const q = {
  lockRecord: cypher('correction/lockRecord'),
  voidReceipt: cypher('correction/voidReceipt'),
  voidBatch: cypher('correction/voidBatch'),
  voidShipment: cypher('correction/voidShipment'),
  recordCorrection: cypher('correction/recordCorrection'),
  correctionsByLotCodes: cypher('correction/correctionsByLotCodes'),
  voidPreview: cypher('correction/voidPreview'),
};

export interface Dependent {
  lotCode: string;
  kind: 'production' | 'shipment' | 'adjustment';
  id: string;
}

/** Locks a record and the lots it made before voidPreview reads what depends on them (a correction's transaction). */
export const lockRecord = (tx: Runner, kind: CorrectedRecordKind, id: string) => tx.run(q.lockRecord, { kind, id });

export function applyVoid(tx: Runner, kind: CorrectedRecordKind, id: string, correction: { id: string; reason: string }) {
  switch (kind) {
    case 'RECEIPT':
      return tx.run(q.voidReceipt, { code: id, void: correction });
    case 'PRODUCTION':
      return tx.run(q.voidBatch, { code: id, void: correction });
    case 'SHIPMENT':
      return tx.run(q.voidShipment, { id, void: correction });
  }
}

export const recordCorrection = async (tx: Runner, correction: Omit<CorrectionMapper, 'at'>, declaration: string) =>
  (await tx.run<{ correction: CorrectionMapper }>(q.recordCorrection, { correction, declaration }))[0].correction;

export const correctionsByLotCodes = (db: Runner, codes: readonly string[]) =>
  db.run<{ code: string; correction: CorrectionMapper }>(q.correctionsByLotCodes, { codes });

export interface VoidPreview {
  kind: CorrectedRecordKind;
  id: string;
  found: boolean;
  received: boolean;
  madeCodes: string[];
  dependents: Dependent[];
  credits: { lotCode: string; base: bigint }[];
}

/** What voiding the records would do, read before anything is written (a capture's or import's plan). */
export const voidPreview = (db: Runner, targets: { kind: CorrectedRecordKind; id: string }[]) =>
  db.run<VoidPreview>(q.voidPreview, { targets });
