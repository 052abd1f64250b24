import type { Resolvers } from '../__generated__/resolvers-types.js';
import { badInput } from '../errors.js';
import { upsertCustomer, upsertSupplier } from './party.service.js';

const MAX_PAGE = 1000;

function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE}; got ${first}.`, 'first');
  }
  return first;
}

export const partyResolvers: Resolvers = {
  Query: {
    supplier: (_, { id }, { loaders }) => loaders.supplierById.load(id),
    customer: (_, { id }, { loaders }) => loaders.customerById.load(id),
  },
  Mutation: {
    upsertSupplier: (_, { input }, { db }) => upsertSupplier(db, input),
    upsertCustomer: (_, { input }, { db }) => upsertCustomer(db, input),
  },
  Supplier: {
    lots: (s, { first }, { loaders }) => loaders.lotsBySupplierId.load(s.id, pageSize(first ?? 100)),
  },
  Customer: {
    shipments: (c, { first }, { loaders }) => loaders.shipmentsByCustomerId.load(c.id, pageSize(first ?? 100)),
  },
};
