import type { Resolvers } from '../__generated__/resolvers-types.js';
import { recordProduction } from './production.service.js';

export const productionResolvers: Resolvers = {
  Query: {
    batch: (_, { code }, { loaders }) => loaders.batchByCode.load(code),
  },
  Mutation: {
    recordProduction: (_, { input }, { db }) => recordProduction(db, input),
  },
  Batch: {
    inputs: (batch, _, { loaders }) => loaders.consumptionsByBatchCode.load(batch.code),
    outputs: (batch, _, { loaders }) => loaders.outputsByBatchCode.load(batch.code),
  },
};
