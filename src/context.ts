import type { Db } from './db/driver.js';
import { createFsmaLoaders } from './fsma/fsma.loaders.js';
import { createHoldLoaders } from './hold/hold.loaders.js';
import { createInventoryLoaders } from './inventory/inventory.loaders.js';
import { createLotLoaders } from './lot/lot.loaders.js';
import { createPartyLoaders } from './party/party.loaders.js';
import { createProductionLoaders } from './production/production.loaders.js';
import { createRecallLoaders } from './recall/recall.loaders.js';
import { createShippingLoaders } from './shipping/shipping.loaders.js';

export const createLoaders = (db: Db) => ({
  ...createLotLoaders(db),
  ...createProductionLoaders(db),
  ...createPartyLoaders(db),
  ...createShippingLoaders(db),
  ...createHoldLoaders(db),
  ...createInventoryLoaders(db),
  ...createRecallLoaders(db),
  ...createFsmaLoaders(db),
});

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  db: Db;
  /** A new set per request: nothing is cached across requests. */
  loaders: Loaders;
}

export const createContext = (db: Db): Context => ({ db, loaders: createLoaders(db) });
