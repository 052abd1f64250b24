import type { ScopeParam } from '../auth/principal.js';
import DataLoader from 'dataloader';
import { manyEach, oneEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as recallRepository from './recall.repository.js';

export const createRecallLoaders = (db: Runner, scope: ScopeParam | null) => ({
  recallById: new DataLoader(async (ids: readonly string[]) =>
    oneEach(ids, await recallRepository.recallsByIds(db, ids, scope), (r) => r.id, (r) => r.recall),
  ),
  notificationsByRecallId: new DataLoader(async (ids: readonly string[]) =>
    manyEach(ids, await recallRepository.notificationsByRecallIds(db, ids, scope), (r) => r.recallId, (r) => r),
  ),
  lotsBySupplierLotCode: new DataLoader(async (codes: readonly string[]) =>
    manyEach(codes, await recallRepository.lotsBySupplierLotCodes(db, codes, scope), (r) => r.supplierLotCode, (r) => r.lot),
  ),
});
