import DataLoader from 'dataloader';
import { manyEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as holdRepository from './hold.repository.js';

export const createHoldLoaders = (db: Runner) => ({
  holdsByLotCode: new DataLoader(async (codes: readonly string[]) =>
    manyEach(codes, await holdRepository.holdsByLotCodes(db, codes), (r) => r.code, ({ code: _, ...h }) => h),
  ),
});
