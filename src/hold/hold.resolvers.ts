import type { Resolvers } from '../__generated__/resolvers-types.js';
import { holdLots, releaseLots } from './hold.service.js';

export const holdResolvers: Resolvers = {
  Mutation: {
    holdLots: (_, { input }, { db }) => holdLots(db, input),
    releaseLots: (_, { input }, { db }) => releaseLots(db, input),
  },
  Lot: {
    holds: (lot, _, { loaders }) => loaders.holdsByLotCode.load(lot.code),
  },
};
