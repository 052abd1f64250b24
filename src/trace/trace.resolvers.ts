import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { loaded } from '../db/batching.js';
import type { Direction } from './trace.repository.js';
import { trace, type TraceArgs } from './trace.service.js';

const runTrace = (direction: Direction, args: TraceArgs, { db }: Context) => trace(db, direction, args);


export const traceResolvers: Resolvers = {
  Query: {
    traceBackward: (_, args, ctx) => runTrace('backward', args, ctx),
    traceForward: (_, args, ctx) => runTrace('forward', args, ctx),
  },
  Trace: {
    batches: async (t, _, { loaders }) => loaded(await loaders.batchByCode.loadMany(t.batchCodes)),
    suppliers: async (t, _, { loaders }) => {
      const suppliers = loaded(await loaders.supplierByLotCode.loadMany(t.lots.map((l) => l.code)));
      return [...new Map(suppliers.map((s) => [s.id, s])).values()].sort((a, b) => a.id.localeCompare(b.id));
    },
    shipmentLines: async (t, _, { loaders }) =>
      loaded(await loaders.shipmentLinesByLotCode.loadMany(t.lots.map((l) => l.code))).flat(),
    customers: async (t, _, { loaders }) => {
      const lines = loaded(await loaders.shipmentLinesByLotCode.loadMany(t.lots.map((l) => l.code))).flat();
      return [...new Map(lines.map((l) => [l.customer.id, l.customer])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    },
  },
  TracedLot: {
    lot: (t) => ({ code: t.code }),
  },
};
