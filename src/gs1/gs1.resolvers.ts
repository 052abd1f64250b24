import type { Resolvers } from '../__generated__/resolvers-types.js';
import { loadedLot } from '../lot/lot.resolvers.js';
import { lotIdentifier } from './lot-ref.js';

export const gs1Resolvers: Resolvers = {
  Lot: {
    identifier: async (lot, _, { loaders, idBase }) => {
      const record = await loadedLot(lot, loaders);
      const product = await loaders.productBySku.load(record.productSku);
      return lotIdentifier(idBase, record, product?.gtin);
    },
  },
};
