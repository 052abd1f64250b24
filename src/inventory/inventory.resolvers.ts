import type { Resolvers } from '../__generated__/resolvers-types.js';
import { recordAdjustment } from './inventory.service.js';

export const inventoryResolvers: Resolvers = {
  Mutation: {
    recordAdjustment: (_, { input }, { db }) => recordAdjustment(db, input),
  },
  Lot: {
    adjustments: (lot, _, { loaders }) => loaders.adjustmentsByLotCode.load(lot.code),
  },
  Adjustment: {
    lot: (a) => ({ code: a.lotCode }),
    quantity: (a) => ({ amount: a.quantity, unit: a.unit }),
  },
};
