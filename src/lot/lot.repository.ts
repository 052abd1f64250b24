import type { ScopeParam } from '../auth/principal.js';
import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { BatchMapper } from '../production/production.mappers.js';
import type { SupplierMapper } from '../party/party.mappers.js';
import type { ConsumptionMapper, LotBalanceRecord, LotRecord } from './lot.mappers.js';

const q = {
  lotsByCodes: cypher('lot/lotsByCodes'),
  lockLots: cypher('lot/lockLots'),
  supplierByLotCodes: cypher('lot/supplierByLotCodes'),
  producingBatchByLotCodes: cypher('lot/producingBatchByLotCodes'),
  consumptionsByLotCodes: cypher('lot/consumptionsByLotCodes'),
  lotBalances: cypher('lot/lotBalances'),
};

export const lotsByCodes = (db: Runner, codes: readonly string[], scope: ScopeParam | null = null) =>
  db.run<{ code: string; lot: LotRecord }>(q.lotsByCodes, { codes, scope });

export interface LockedLot {
  code: string;
  unit: string;
  onHandBase: bigint;
  status: LotRecord['status'];
}

/** Locks the lots for the rest of the transaction (in code order) and reads their stock. */
export const lockLots = (tx: Runner, codes: readonly string[]) =>
  tx.run<LockedLot>(q.lockLots, { codes: [...new Set(codes)].sort() });

export const supplierByLotCodes = (db: Runner, codes: readonly string[], scope: ScopeParam | null = null) =>
  db.run<{ code: string; supplier: SupplierMapper }>(q.supplierByLotCodes, { codes, scope });

export const producingBatchByLotCodes = (db: Runner, codes: readonly string[]) =>
  db.run<{ code: string; batch: BatchMapper }>(q.producingBatchByLotCodes, { codes });

export const consumptionsByLotCodes = async (db: Runner, codes: readonly string[]) =>
  (await db.run<ConsumptionMapper & { code: string }>(q.consumptionsByLotCodes, { codes })).map((r) => ({
    ...r,
    lotCode: r.code,
  }));

/** Each lot's movements (consumed, shipped, adjusted out) and its recorded on-hand quantity. */
export const lotBalances = (db: Runner, codes: readonly string[]) => db.run<LotBalanceRecord>(q.lotBalances, { codes });
