import type { ScopeParam } from '../auth/principal.js';
import DataLoader from 'dataloader';
import { manyEach, oneEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as shippingRepository from './shipping.repository.js';

export const createShippingLoaders = (db: Runner, scope: ScopeParam | null) => ({
  shipmentById: new DataLoader(async (ids: readonly string[]) =>
    oneEach(ids, await shippingRepository.shipmentsByIds(db, ids, scope), (r) => r.id, (r) => r.shipment),
  ),
  linesByShipmentId: new DataLoader(async (ids: readonly string[]) =>
    manyEach(ids, await shippingRepository.shipmentLinesByShipmentIds(db, ids, scope), (r) => r.shipmentId, (r) => r),
  ),
  shipmentLinesByLotCode: new DataLoader(async (codes: readonly string[]) =>
    manyEach(codes, await shippingRepository.shipmentLinesByLotCodes(db, codes, scope), (r) => r.lotCode, (r) => r),
  ),
});
