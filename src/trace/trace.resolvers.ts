import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { loaded } from '../db/batching.js';
import { notFound } from '../errors.js';
import { lotCodeOf } from '../gs1/lot-ref.js';
import { visibleLotCodes } from '../lot/lot.resolvers.js';
import type { ShipmentLineMapper } from '../shipping/shipping.mappers.js';
import type { TraceMapper } from './trace.mappers.js';
import type { Direction } from './trace.repository.js';
import { trace, type TraceArgs } from './trace.service.js';
import { partnerSteps } from '../epcis/lineage.js';

/**
 * A partner's trace is cut to its scope, not refused: it starts only at a lot the partner may
 * see, and shows only such lots (and, through the scoped loaders, only its own shipment lines,
 * customers and suppliers); no batch of ours, and nothing of how far the hidden part reached.
 */
async function runTrace(direction: Direction, args: TraceArgs & { acrossPartners?: boolean | null }, ctx: Context): Promise<TraceMapper> {
  // A lot's GS1 identifier stands for its code.
  if (args.lotCode != null) {
    const code = await lotCodeOf(ctx.db, args.lotCode, { reveal: !ctx.scope, idBase: ctx.idBase });
    if (code === null) throw notFound('lot', args.lotCode);
    args = { ...args, lotCode: code };
  }
  const answer = await scopedTrace(direction, args, ctx);
  ctx.metrics?.traced(direction, answer.lots.length);
  return { ...answer, direction, acrossPartners: args.acrossPartners === true };
}

async function scopedTrace(direction: Direction, args: TraceArgs, ctx: Context): Promise<TraceMapper> {
  if (!ctx.scope) {
    const { extras, ...answer } = await trace(ctx.db, direction, args);
    if (extras) {
      // The procedure read the answer's lines and suppliers already: the fields that ask for them
      // take them from the loaders, with no further round trip.
      const lines = new Map<string, ShipmentLineMapper[]>(answer.lots.map((l) => [l.code, []]));
      for (const line of extras.lines) lines.get(line.lotCode)?.push(line);
      for (const [code, list] of lines) ctx.loaders.shipmentLinesByLotCode.prime(code, list);
      const suppliers = new Map(extras.suppliers.map((s) => [s.code, s.supplier]));
      for (const { code } of answer.lots) ctx.loaders.supplierByLotCode.prime(code, suppliers.get(code) ?? null);
    }
    return answer;
  }
  if (args.batchCode != null && args.lotCode == null) throw notFound('batch', args.batchCode);
  if (args.lotCode != null && args.batchCode == null && !(await ctx.loaders.lotByCode.load(args.lotCode))) {
    throw notFound('lot', args.lotCode);
  }
  const { extras: _, ...whole } = await trace(ctx.db, direction, args);
  const visible = new Set(await visibleLotCodes(whole.lots.map((l) => l.code), ctx));
  return { ...whole, lots: whole.lots.filter((l) => visible.has(l.code)), batchCodes: [], truncated: false };
}

export const traceResolvers: Resolvers = {
  Query: {
    traceBackward: (_, args, ctx) => runTrace('backward', args, ctx),
    traceForward: (_, args, ctx) => runTrace('forward', args, ctx),
  },
  Trace: {
    partnerSteps: (t, _, ctx) => (t.direction === 'backward' ? partnerSteps(ctx.db, t.lots.map((l) => l.code), ctx.idBase) : []),
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
