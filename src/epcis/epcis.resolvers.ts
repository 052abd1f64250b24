import type { Resolvers } from '../__generated__/resolvers-types.js';

export const epcisResolvers: Resolvers = {
  PartnerStep: {
    lot: (step) => ({ code: step.lotCode }),
  },
};
