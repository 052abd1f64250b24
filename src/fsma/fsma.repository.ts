import { cypher } from '../db/cypher.js';
import type { Db, Runner } from '../db/driver.js';
import { notFound } from '../errors.js';
import type { LocationMapper, ProductMapper } from './fsma.mappers.js';

const q = {
  upsertLocation: cypher('fsma/upsertLocation'),
  upsertProduct: cypher('fsma/upsertProduct'),
  locationsByIds: cypher('fsma/locationsByIds'),
  locations: cypher('fsma/locations'),
  productsBySkus: cypher('fsma/productsBySkus'),
  knownSkus: cypher('fsma/knownSkus'),
  dictionary: cypher('fsma/dictionary'),
  RECEIVING: cypher('fsma/receivingRecords'),
  TRANSFORMATION: cypher('fsma/transformationRecords'),
  SHIPPING: cypher('fsma/shippingRecords'),
};

export const upsertLocation = async (tx: Runner, location: LocationMapper) =>
  (await tx.run<{ location: LocationMapper }>(q.upsertLocation, { location }))[0].location;

export const upsertProduct = async (tx: Runner, product: ProductMapper) =>
  (await tx.run<{ product: ProductMapper }>(q.upsertProduct, { product }))[0].product;

export const locationsByIds = (db: Runner, ids: readonly string[]) =>
  db.run<{ id: string; location: LocationMapper }>(q.locationsByIds, { ids });

export const locations = async (db: Runner, own: boolean | null) =>
  (await db.run<{ location: LocationMapper }>(q.locations, { own })).map((r) => r.location);

export const productsBySkus = (db: Runner, skus: readonly string[]) =>
  db.run<{ sku: string; product: ProductMapper }>(q.productsBySkus, { skus });

export const knownSkus = async (db: Runner, skus: readonly string[]) =>
  new Set((await db.run<{ sku: string }>(q.knownSkus, { skus })).map((r) => r.sku));

/** NOT_FOUND for the first of these location ids (nulls aside) that names no Location. */
/** The location ids a record names, once each, without the empty ones. */
export const distinctIds = (ids: readonly (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => typeof id === 'string'))];

export async function requireLocations(tx: Runner, ids: (string | null)[]): Promise<void> {
  const wanted = distinctIds(ids);
  if (wanted.length === 0) return;
  const found = new Set((await locationsByIds(tx, wanted)).map((r) => r.id));
  const missing = wanted.find((id) => !found.has(id));
  if (missing) throw notFound('location', missing);
}

/** Every location and product description (read once per export or page). */
export const descriptions = async (db: Runner) =>
  (await db.run<{ locations: LocationMapper[]; products: ProductMapper[] }>(q.dictionary))[0];

export interface RecordFilter {
  from: string;
  to: string;
  lotCodes: string[] | null;
  skus: string[] | null;
  ftlOnly: boolean;
}

export type Cte = 'RECEIVING' | 'TRANSFORMATION' | 'SHIPPING';

const params = (f: RecordFilter, ftlSkus: readonly string[], offset: number, limit: number) => ({
  from: f.from,
  to: f.to,
  lotCodes: f.lotCodes,
  skus: f.skus,
  ftlOnly: f.ftlOnly,
  ftlSkus,
  offset: BigInt(offset),
  limit: BigInt(limit),
});

/** One page of a CTE's records. `ftlSkus`: the products on the Food Traceability List. */
export const records = (db: Runner, cte: Cte, filter: RecordFilter, ftlSkus: readonly string[], offset: number, limit: number) =>
  db.run<Record<string, unknown>>(q[cte], params(filter, ftlSkus, offset, limit));

/** Every record of a CTE, streamed: memory stays bounded however many there are. */
export const streamRecords = (db: Db, cte: Cte, filter: RecordFilter, ftlSkus: readonly string[]) =>
  db.stream(q[cte], params(filter, ftlSkus, 0, Number.MAX_SAFE_INTEGER), { fetchSize: 5_000 });
