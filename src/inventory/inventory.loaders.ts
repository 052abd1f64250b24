import DataLoader from 'dataloader';
import { manyEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as inventoryRepository from './inventory.repository.js';

export const createInventoryLoaders = (db: Runner) => ({
  adjustmentsByLotCode: new DataLoader(async (codes: readonly string[]) =>
    manyEach(codes, await inventoryRepository.adjustmentsByLotCodes(db, codes), (r) => r.code, (r) => r.adjustment),
  ),
});
