import DataLoader from 'dataloader';
import { manyEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as correctionRepository from './correction.repository.js';

export const createCorrectionLoaders = (db: Runner) => ({
  correctionsByLotCode: new DataLoader(async (codes: readonly string[]) =>
    manyEach(codes, await correctionRepository.correctionsByLotCodes(db, codes), (r) => r.code, (r) => r.correction),
  ),
});
