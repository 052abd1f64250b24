import { DEFAULT_ID_BASE } from './config.js';
import type { Authenticator } from './auth/authenticator.js';
import type { LinkSigner } from './auth/links.js';
import { type Principal, scopeParam, type ScopeParam } from './auth/principal.js';
import type { Db } from './db/driver.js';
import { createFsmaLoaders } from './fsma/fsma.loaders.js';
import { createHoldLoaders } from './hold/hold.loaders.js';
import { createInventoryLoaders } from './inventory/inventory.loaders.js';
import { createCorrectionLoaders } from './correction/correction.loaders.js';
import { createLotLoaders } from './lot/lot.loaders.js';
import type { Metrics } from './metrics/metrics.js';
import type { Partners } from './partner/partner.service.js';
import { createPartyLoaders } from './party/party.loaders.js';
import { createProductionLoaders } from './production/production.loaders.js';
import { createRecallLoaders } from './recall/recall.loaders.js';
import { createShippingLoaders } from './shipping/shipping.loaders.js';

/** The request's loaders; a partner's are cut to its scope in their Cypher. */
export const createLoaders = (db: Db, scope: ScopeParam | null) => ({
  ...createLotLoaders(db, scope),
  ...createProductionLoaders(db, scope),
  ...createPartyLoaders(db, scope),
  ...createShippingLoaders(db, scope),
  ...createHoldLoaders(db),
  ...createInventoryLoaders(db),
  ...createCorrectionLoaders(db),
  ...createRecallLoaders(db, scope),
  ...createFsmaLoaders(db),
});

export type Loaders = ReturnType<typeof createLoaders>;

export interface Log {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface Context {
  db: Db;
  /** A new set per request: nothing is cached across requests. */
  loaders: Loaders;
  /** Who is asking; null only until the access plugin refuses the request. */
  principal: Principal | null;
  /** The principal's partner scope as the Cypher parameter $scope (null: the company's own key). */
  scope: ScopeParam | null;
  /** Signs the download links that the API hands out. */
  links: LinkSigner;
  /** Set where keys can be revoked (the HTTP service), so that this instance forgets one at once. */
  authenticator?: Authenticator;
  log: Log;
  /** Where the service counts what it does (the HTTP service's /metrics); absent in scripts. */
  metrics?: Pick<Metrics, 'traced'>;
  /** LOTGRAPH_ID_BASE: the base of lotgraph's own lot identifiers. */
  idBase: string;
  /** Work across companies (the HTTP service's): signing, traces into suppliers' lotgraphs, recall notices. */
  partners?: Partners;
}

export interface ContextOptions {
  principal: Principal | null;
  links: LinkSigner;
  authenticator?: Authenticator;
  log: Log;
  metrics?: Pick<Metrics, 'traced'>;
  idBase?: string;
  partners?: Partners;
}

export function createContext(db: Db, options: ContextOptions): Context {
  const scope = scopeParam(options.principal?.scope);
  return { db, loaders: createLoaders(db, scope), scope, ...options, idBase: options.idBase ?? DEFAULT_ID_BASE };
}
