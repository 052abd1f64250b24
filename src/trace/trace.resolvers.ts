import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import type { Direction } from './trace.repository.js';
import { trace, type TraceArgs } from './trace.service.js';

const runTrace = (direction: Direction, args: TraceArgs, { db }: Context) => trace(db, direction, args);

/** The values of a loadMany: a failed load fails the field rather than vanishing from the list. */
function defined<T>(list: (T | null | Error)[]): T[] {
  const failure = list.find((x) => x instanceof Error);
  if (failure) throw failure;
  return list.filter((x): x is T => x !== null);
}

export const traceResolvers: Resolvers = {
  Query: {
    traceBackward: (_, args, ctx) => runTrace('backward', args, ctx),
    traceForward: (_, args, ctx) => runTrace('forward', args, ctx),
  },
  Trace: {
    batches: async (t, _, { loaders }) => defined(await loaders.batchByCode.loadMany(t.batchCodes)),
    suppliers: async (t, _, { loaders }) => {
      const suppliers = defined(await loaders.supplierByLotCode.loadMany(t.lots.map((l) => l.code)));
      return [...new Map(suppliers.map((s) => [s.id, s])).values()].sort((a, b) => a.id.localeCompare(b.id));
    },
    shipmentLines: async (t, _, { loaders }) =>
      defined(await loaders.shipmentLinesByLotCode.loadMany(t.lots.map((l) => l.code))).flat(),
    customers: async (t, _, { loaders }) => {
      const lines = defined(await loaders.shipmentLinesByLotCode.loadMany(t.lots.map((l) => l.code))).flat();
      return [...new Map(lines.map((l) => [l.customer.id, l.customer])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    },
  },
  TracedLot: {
    lot: (t) => ({ code: t.code }),
  },
};
