import type { ScopeParam } from '../auth/principal.js';
import DataLoader from 'dataloader';
import { manyEach, oneEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as lotRepository from './lot.repository.js';

export const createLotLoaders = (db: Runner, scope: ScopeParam | null) => ({
  lotByCode: new DataLoader(async (codes: readonly string[]) =>
    oneEach(codes, await lotRepository.lotsByCodes(db, codes, scope), (r) => r.code, (r) => r.lot),
  ),
  supplierByLotCode: new DataLoader(async (codes: readonly string[]) =>
    oneEach(codes, await lotRepository.supplierByLotCodes(db, codes, scope), (r) => r.code, (r) => r.supplier),
  ),
  producingBatchByLotCode: new DataLoader(async (codes: readonly string[]) =>
    oneEach(codes, await lotRepository.producingBatchByLotCodes(db, codes), (r) => r.code, (r) => r.batch),
  ),
  consumptionsByLotCode: new DataLoader(async (codes: readonly string[]) =>
    manyEach(codes, await lotRepository.consumptionsByLotCodes(db, codes), (r) => r.lotCode, ({ code: _, ...c }) => c),
  ),
});
