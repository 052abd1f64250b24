import type { Resolvers } from '../__generated__/resolvers-types.js';
import { receiveLot } from '../receiving/receiving.service.js';
import { fromBase } from '../units.js';

export const lotResolvers: Resolvers = {
  Query: {
    lot: (_, { code }, { loaders }) => loaders.lotByCode.load(code),
  },
  Mutation: {
    receiveLot: (_, { input }, { db }) => receiveLot(db, input),
  },
  Lot: {
    quantity: (lot) => ({ amount: fromBase(lot.quantityBase, lot.unit), unit: lot.unit }),
    onHand: (lot) => ({ amount: fromBase(lot.onHandBase, lot.unit), unit: lot.unit }),
    supplier: (lot, _, { loaders }) => loaders.supplierByLotCode.load(lot.code),
    producedBy: (lot, _, { loaders }) => loaders.producingBatchByLotCode.load(lot.code),
    consumedIn: (lot, _, { loaders }) => loaders.consumptionsByLotCode.load(lot.code),
    shipments: (lot, _, { loaders }) => loaders.shipmentLinesByLotCode.load(lot.code),
  },
  Consumption: {
    lot: async (c, _, { loaders }) => (await loaders.lotByCode.load(c.lotCode))!,
    batch: async (c, _, { loaders }) => (await loaders.batchByCode.load(c.batchCode))!,
    quantity: (c) => ({ amount: c.amount, unit: c.unit }),
  },
};
