import type { ScopeParam } from '../auth/principal.js';
import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { ConsumptionMapper, LotRecord } from '../lot/lot.mappers.js';
import type { BatchMapper } from './production.mappers.js';

const q = {
  batchesByCodes: cypher('production/batchesByCodes'),
  consumptionsByBatchCodes: cypher('production/consumptionsByBatchCodes'),
  outputsByBatchCodes: cypher('production/outputsByBatchCodes'),
  batchForProduction: cypher('production/batchForProduction'),
  createBatch: cypher('production/createBatch'),
};

export const batchesByCodes = (db: Runner, codes: readonly string[], scope: ScopeParam | null = null) =>
  db.run<{ code: string; batch: BatchMapper }>(q.batchesByCodes, { codes, scope });

export const consumptionsByBatchCodes = async (db: Runner, codes: readonly string[]): Promise<(ConsumptionMapper & { code: string })[]> =>
  (await db.run<Omit<ConsumptionMapper, 'batchCode'> & { code: string }>(q.consumptionsByBatchCodes, { codes })).map((r) => ({
    ...r,
    batchCode: r.code,
  }));

export const outputsByBatchCodes = (db: Runner, codes: readonly string[]) =>
  db.run<{ code: string; lot: LotRecord }>(q.outputsByBatchCodes, { codes });

export const batchForProduction = async (tx: Runner, batchCode: string, outputCodes: string[]) =>
  (await tx.run<{ existingHash: string | null; codeTaken: boolean; takenOutputCodes: string[] }>(q.batchForProduction, {
    batchCode,
    outputCodes,
  }))[0];

export interface NewBatch {
  batch: { code: string; producedAt: string; inputHash: string; locationId: string | null; referenceDocumentType: string | null; referenceDocument: string | null };
  inputs: { line: number; lotCode: string; amount: number; unit: string; base: bigint }[];
  outputs: { line: number; lotCode: string; productSku: string; productName: string; amount: number; unit: string; base: bigint }[];
  debits: { lotCode: string; onHandBase: bigint; onHand: number }[];
}

export const createBatch = async (tx: Runner, params: NewBatch) =>
  (await tx.run<{ batch: BatchMapper }>(q.createBatch, { ...params }))[0].batch;
