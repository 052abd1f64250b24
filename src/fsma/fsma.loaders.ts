import DataLoader from 'dataloader';
import { oneEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as fsmaRepository from './fsma.repository.js';

export const createFsmaLoaders = (db: Runner) => ({
  locationById: new DataLoader(async (ids: readonly string[]) =>
    oneEach(ids, await fsmaRepository.locationsByIds(db, ids), (r) => r.id, (r) => r.location),
  ),
  productBySku: new DataLoader(async (skus: readonly string[]) =>
    oneEach(skus, await fsmaRepository.productsBySkus(db, skus), (r) => r.sku, (r) => r.product),
  ),
});
