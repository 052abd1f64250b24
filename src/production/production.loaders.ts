import type { ScopeParam } from '../auth/principal.js';
import DataLoader from 'dataloader';
import { manyEach, oneEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as productionRepository from './production.repository.js';

export const createProductionLoaders = (db: Runner, scope: ScopeParam | null) => ({
  batchByCode: new DataLoader(async (codes: readonly string[]) =>
    oneEach(codes, await productionRepository.batchesByCodes(db, codes, scope), (r) => r.code, (r) => r.batch),
  ),
  consumptionsByBatchCode: new DataLoader(async (codes: readonly string[]) =>
    manyEach(codes, await productionRepository.consumptionsByBatchCodes(db, codes), (r) => r.batchCode, ({ code: _, ...c }) => c),
  ),
  outputsByBatchCode: new DataLoader(async (codes: readonly string[]) =>
    manyEach(codes, await productionRepository.outputsByBatchCodes(db, codes), (r) => r.code, (r) => r.lot),
  ),
});
