import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { loaded } from '../db/batching.js';
import type { CustomerMapper } from '../party/party.mappers.js';
import type { ShipmentLineMapper } from '../shipping/shipping.mappers.js';
import { fromBase } from '../units.js';
import type { ProductTotalMapper, RecallMapper, ScopeMapper } from './recall.mappers.js';
import { recallIds } from './recall.repository.js';
import {
  accountedFor, candidateLots, closeRecall, computeScope, gapOf, initiateRecall, percentOf, reconcile, resolveStart, updateNotification,
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

function productTotals(scope: ScopeMapper): ProductTotalMapper[] {
  const totals = new Map<string, ProductTotalMapper>();
  for (const b of scope.lots) {
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

export const recallResolvers: Resolvers = {
  Query: {
    recallScope: (_, { start }, { db }) => db.read(async (tx) => computeScope(tx, await resolveStart(tx, start))),
    recall: (_, { id }, { loaders }) => loaders.recallById.load(id),
    recalls: async (_, { status, mock }, { db, loaders }) =>
      loaded(await loaders.recallById.loadMany(await recallIds(db, status ?? null, mock ?? null))),
    lotsBySupplierLotCode: (_, { supplierLotCode }, { loaders }) => loaders.lotsBySupplierLotCode.load(supplierLotCode),
    candidateLots: (_, args, { db }) => candidateLots(db, args),
  },
  Mutation: {
    initiateRecall: (_, { input }, { db }) => initiateRecall(db, input),
    runMockRecall: (_, { input }, { db }) => initiateRecall(db, input, true),
    updateRecallNotification: (_, { input }, { db }) => updateNotification(db, input),
    closeRecall: (_, { input }, { db }) => closeRecall(db, input),
  },
  RecallScope: {
    startLots: (s) => lotRefs(s.startCodes),
    lots: (s) => s.lots,
    customers: (s) => byCustomer(s.lines),
    shipmentLines: (s) => s.lines,
    sources: (s) => lotRefs(s.sourceCodes),
    productTotals: (s) => productTotals(s),
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
    reportCsvUrl: (r) => `/recalls/${encodeURIComponent(r.id)}/report.csv`,
    reportHtmlUrl: (r) => `/recalls/${encodeURIComponent(r.id)}/report.html`,
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
