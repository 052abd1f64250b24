import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { correctProduction, correctReceipt, correctShipment, voidRecord } from './correction.service.js';

const by = ({ principal }: Context) => ({ keyId: principal?.keyId ?? null, name: principal?.name ?? null });

export const correctionResolvers: Resolvers = {
  Mutation: {
    voidRecord: (_, { input }, ctx) => voidRecord(ctx.db, input, by(ctx)),
    correctReceipt: (_, { reason, input }, ctx) => correctReceipt(ctx.db, reason, input, by(ctx)),
    correctProduction: (_, { reason, input }, ctx) => correctProduction(ctx.db, reason, input, by(ctx)),
    correctShipment: (_, { reason, input }, ctx) => correctShipment(ctx.db, reason, input, by(ctx)),
  },
  Lot: {
    corrections: (lot, _, { loaders }) => loaders.correctionsByLotCode.load(lot.code),
  },
};
