import type { ScopeParam } from '../auth/principal.js';
import DataLoader from 'dataloader';
import { oneEach } from '../db/batching.js';
import type { Runner } from '../db/driver.js';
import * as partyRepository from './party.repository.js';

/** Keys of the paged loaders: "<first>:<id>", so that one batch shares one `first`. */
const pagedKey = (id: string, first: number) => `${first}:${id}`;

function pagedLoader<V>(load: (ids: readonly string[], first: number) => Promise<{ id: string; value: V[] }[]>) {
  return new DataLoader(async (keys: readonly string[]) => {
    const byFirst = new Map<number, string[]>();
    for (const key of keys) {
      const [first, ...rest] = key.split(':');
      const ids = byFirst.get(Number(first)) ?? [];
      ids.push(rest.join(':'));
      byFirst.set(Number(first), ids);
    }
    const found = new Map<string, V[]>();
    for (const [first, ids] of byFirst) {
      for (const row of await load(ids, first)) found.set(pagedKey(row.id, first), row.value);
    }
    return keys.map((k) => found.get(k) ?? []);
  });
}

export const createPartyLoaders = (db: Runner, scope: ScopeParam | null) => {
  const lotsBySupplier = pagedLoader(async (ids, first) =>
    (await partyRepository.lotsBySupplierIds(db, ids, first)).map((r) => ({ id: r.id, value: r.lots })),
  );
  const shipmentsByCustomer = pagedLoader(async (ids, first) =>
    (await partyRepository.shipmentsByCustomerIds(db, ids, first)).map((r) => ({ id: r.id, value: r.shipments })),
  );
  return {
    supplierById: new DataLoader(async (ids: readonly string[]) =>
      oneEach(ids, await partyRepository.suppliersByIds(db, ids, scope), (r) => r.id, (r) => r.supplier),
    ),
    customerById: new DataLoader(async (ids: readonly string[]) =>
      oneEach(ids, await partyRepository.customersByIds(db, ids, scope), (r) => r.id, (r) => r.customer),
    ),
    lotsBySupplierId: { load: (id: string, first: number) => lotsBySupplier.load(pagedKey(id, first)) },
    shipmentsByCustomerId: { load: (id: string, first: number) => shipmentsByCustomer.load(pagedKey(id, first)) },
  };
};
