import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { loaded } from '../db/batching.js';
import type { CustomerMapper } from '../party/party.mappers.js';
import type { ShipmentLineMapper } from '../shipping/shipping.mappers.js';
import { fromBase } from '../units.js';
import { forbidden, notFound } from '../errors.js';
import { visibleLotCodes } from '../lot/lot.resolvers.js';
import type { BalanceMapper, ProductTotalMapper, RecallMapper, ScopeMapper } from './recall.mappers.js';
import { reportPath } from './recall.http.js';
import { recallIds } from './recall.repository.js';
import {
  accountedFor, candidateLots, closeRecall, computeScope, downstreamBalances, gapOf, initiateRecall, percentOf, reconcile, resolveStart, updateNotification,
} from './recall.service.js';

const quantity = (base: bigint, unit: string) => ({ amount: fromBase(base, unit), unit });
const lotRefs = (codes: string[]) => codes.map((code) => ({ code }));

/** A recall's scope is computed once per request, however many fields ask for it. */
const scopes = new WeakMap<Context, Map<string, Promise<ScopeMapper>>>();
function scopeOf(recall: RecallMapper, ctx: Context): Promise<ScopeMapper> {
  let perRequest = scopes.get(ctx);
  if (!perRequest) scopes.set(ctx, (perRequest = new Map()));
  let scope = perRequest.get(recall.id);
  if (!scope) perRequest.set(recall.id, (scope = ctx.db.read((tx) => computeScope(tx, recall.startCodes))));
  return scope;
}

function byCustomer(lines: ShipmentLineMapper[]) {
  const groups = new Map<string, { customer: CustomerMapper; lines: ShipmentLineMapper[] }>();
  for (const line of lines) {
    const group = groups.get(line.customerId) ?? { customer: line.customer, lines: [] };
    group.lines.push(line);
    groups.set(line.customerId, group);
  }
  return [...groups.values()].sort((a, b) => (a.customer.id < b.customer.id ? -1 : 1));
}

function productTotals(lots: readonly BalanceMapper[]): ProductTotalMapper[] {
  const totals = new Map<string, ProductTotalMapper>();
  for (const b of lots) {
    const key = `${b.productSku}\u0000${b.unit}`;
    const t = totals.get(key) ?? { productSku: b.productSku, productName: b.productName, unit: b.unit, lots: 0, receivedBase: 0n, consumedBase: 0n, shippedBase: 0n, onHandBase: 0n };
    t.lots += 1;
    t.receivedBase += b.receivedBase;
    t.consumedBase += b.consumedBase;
    t.shippedBase += b.shippedBase;
    t.onHandBase += b.onHandBase;
    totals.set(key, t);
  }
  return [...totals.values()].sort((a, b) => (a.productSku < b.productSku ? -1 : 1));
}

/** A partner's view of a scope's shipment lines: its own (a customer's), or none (a supplier's). */
const linesFor = (lines: ShipmentLineMapper[], { scope }: Context) => (scope ? lines.filter((l) => l.customerId === scope.customerId) : lines);

export const recallResolvers: Resolvers = {
  Query: {
    recallScope: (_, { start }, ctx) =>
      ctx.db.read(async (tx) => {
        const codes = await resolveStart(tx, start, ctx.idBase);
        // A partner starts a scope only from lots it may see; the scope's fields are then cut to it.
        const visible = new Set(await visibleLotCodes(codes, ctx));
        const hidden = codes.find((c) => !visible.has(c));
        if (hidden !== undefined) throw notFound('lot', hidden);
        return computeScope(tx, codes);
      }),
    recall: (_, { id }, { loaders }) => loaders.recallById.load(id),
    recalls: async (_, { status, mock }, { db, loaders, scope }) =>
      loaded(await loaders.recallById.loadMany(await recallIds(db, status ?? null, mock ?? null, scope))),
    lotsBySupplierLotCode: (_, { supplierLotCode }, { loaders }) => loaders.lotsBySupplierLotCode.load(supplierLotCode),
    candidateLots: (_, args, { db }) => candidateLots(db, args),
  },
  Mutation: {
    initiateRecall: async (_, { input }, { db, idBase, partners }) => {
      const recall = await initiateRecall(db, input, false, idBase);
      // Linked customers' lotgraphs hear of it now, not at the next round.
      partners?.sender.kick();
      return recall;
    },
    runMockRecall: (_, { input }, { db, idBase }) => initiateRecall(db, input, true, idBase),
    updateRecallNotification: async (_, { input }, { db, principal, loaders }) => {
      const scope = principal?.scope;
      if (scope) {
        // A customer acknowledges its own notice of a recall it was notified of, and nothing else.
        if (input.customerId !== scope.id || !(await loaders.recallById.load(input.recallId))) {
          throw notFound('recall notification', `${input.recallId}/${input.customerId}`);
        }
        if (input.status !== 'ACKNOWLEDGED') throw forbidden(`set a notification to ${input.status}; only ACKNOWLEDGED`, 'customer partner');
      }
      return updateNotification(db, input);
    },
    closeRecall: (_, { input }, { db }) => closeRecall(db, input),
  },
  RecallScope: {
    startLots: async (s, _, ctx) => lotRefs(await visibleLotCodes(s.startCodes, ctx)),
    lots: (s) => s.lots,
    customers: (s, _, ctx) => byCustomer(linesFor(s.lines, ctx)),
    shipmentLines: (s, _, ctx) => linesFor(s.lines, ctx),
    sources: async (s, _, ctx) => lotRefs(await visibleLotCodes(s.sourceCodes, ctx)),
    productTotals: (s) => productTotals(s.lots),
  },
  LotUsage: {
    consumed: (u) => quantity(u.lot.consumedBase, u.lot.unit),
    shipped: (u) => quantity(u.lot.shippedBase, u.lot.unit),
    adjustedOut: (u) => quantity(u.lot.adjustedOutBase, u.lot.unit),
    onHand: (u) => quantity(u.lot.onHandBase, u.lot.unit),
  },
  ProductUsage: {
    produced: (t) => quantity(t.receivedBase, t.unit),
    shipped: (t) => quantity(t.shippedBase, t.unit),
    onHand: (t) => quantity(t.onHandBase, t.unit),
  },
  Lot: {
    // What became of the lot: its own balance, and totals per product made from it (a recall
    // scope's balances, without its lines, customers or sources).
    usage: async (lot, _, { db }) => {
      const lots = await db.read((tx) => downstreamBalances(tx, [lot.code]));
      const own = lots.find((b) => b.code === lot.code)!;
      return { lot: own, products: productTotals(lots.filter((b) => b.depth > 0)) };
    },
  },
  LotBalance: {
    lot: (b) => ({ code: b.code }),
    receivedOrProduced: (b) => quantity(b.receivedBase, b.unit),
    consumed: (b) => quantity(b.consumedBase, b.unit),
    shipped: (b) => quantity(b.shippedBase, b.unit),
    adjustedOut: (b) => quantity(b.adjustedOutBase, b.unit),
    onHand: (b) => quantity(b.onHandBase, b.unit),
    accountedFor: (b) => quantity(accountedFor(b), b.unit),
    gap: (b) => quantity(gapOf(b), b.unit),
    percentAccountedFor: (b) => percentOf(b),
  },
  CustomerExposure: {
    quantities: (e) => {
      const sums = new Map<string, number>();
      for (const l of e.lines) sums.set(l.unit, (sums.get(l.unit) ?? 0) + l.amount);
      return [...sums].map(([unit, amount]) => ({ amount: Math.round(amount * 1e9) / 1e9, unit }));
    },
  },
  ProductTotal: {
    receivedOrProduced: (t) => quantity(t.receivedBase, t.unit),
    consumed: (t) => quantity(t.consumedBase, t.unit),
    shipped: (t) => quantity(t.shippedBase, t.unit),
    onHand: (t) => quantity(t.onHandBase, t.unit),
  },
  Recall: {
    start: (r) => lotRefs(r.startCodes),
    changedLots: (r) => lotRefs(r.changedCodes),
    scope: (r, _, ctx) => scopeOf(r, ctx),
    reconciliation: async (r, _, ctx) => reconcile((await scopeOf(r, ctx)).lots),
    notifications: (r, _, { loaders }) => loaders.notificationsByRecallId.load(r.id),
    durationMs: (r) => Number(r.durationMs),
    lotCount: (r) => Number(r.lotCount),
    customerCount: (r) => Number(r.customerCount),
    lineCount: (r) => Number(r.lineCount),
    reportCsvUrl: (r, _, { links, principal }) => links.sign(reportPath(r.id, 'csv'), principal!.keyId),
    reportHtmlUrl: (r, _, { links, principal }) => links.sign(reportPath(r.id, 'html'), principal!.keyId),
  },
  CandidateLot: {
    lot: (c) => ({ code: c.code }),
    customer: async (c, _, { loaders }) => (await loaders.customerById.load(c.customerId))!,
    lines: async (c, _, { loaders }) => {
      const ids = new Set(c.shipmentIds);
      return (await loaders.shipmentLinesByLotCode.load(c.code)).filter((l) => l.customerId === c.customerId && ids.has(l.shipmentId));
    },
  },
};
