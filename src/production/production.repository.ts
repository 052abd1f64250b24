import type { ScopeParam } from '../auth/principal.js';
import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { ConsumptionMapper, LotRecord } from '../lot/lot.mappers.js';
import type { LockedLot } from '../lot/lot.repository.js';
import { type Debit, withdrawalPlan } from '../lot/stock.js';
import { distinctIds } from '../fsma/fsma.repository.js';
import type { BatchMapper } from './production.mappers.js';

const q = {
  batchesByCodes: cypher('production/batchesByCodes'),
  consumptionsByBatchCodes: cypher('production/consumptionsByBatchCodes'),
  outputsByBatchCodes: cypher('production/outputsByBatchCodes'),
  recordBatch: cypher('production/recordBatch'),
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

export interface NewBatch {
  batch: { code: string; producedAt: string; inputHash: string; locationId: string | null; referenceDocumentType: string | null; referenceDocument: string | null };
  inputs: { line: number; lotCode: string; amount: number; unit: string; base: bigint }[];
  outputs: { line: number; lotCode: string; productSku: string; productName: string; amount: number; unit: string; base: bigint }[];
}

export interface RecordedBatch {
  /** What is already recorded under the code, with the fingerprint of the input that recorded it. */
  existing: (BatchMapper & { inputHash: string }) | null;
  takenOutputCodes: string[];
  missingLocationIds: string[];
  locked: LockedLot[];
  batch: BatchMapper | null;
  debits: Debit[];
}

/**
 * Checks and writes a batch in one statement (see recordBatch.cypher); writes nothing when a check
 * fails. It writes the mutation's audit record with the batch when one is carried (audit.ts).
 */
export const recordBatch = async (tx: Runner, params: NewBatch) =>
  (await tx.run<RecordedBatch>(q.recordBatch, {
    ...params,
    auditRecord: null,
    locationIds: distinctIds([params.batch.locationId]),
    ...withdrawalPlan(params.inputs),
  }))[0];
