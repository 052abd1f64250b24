import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context, Loaders } from '../context.js';
import { loaded } from '../db/batching.js';
import { receiveLot } from '../receiving/receiving.service.js';
import { lotCodeOf } from '../gs1/lot-ref.js';
import { fromBase } from '../units.js';
import { isLotRecord, type LotMapper, type LotRecord } from './lot.mappers.js';

/** The whole lot: as given, or loaded (batched with every other lot of the request). */
export async function loadedLot(lot: LotMapper, loaders: Loaders): Promise<LotRecord> {
  if (isLotRecord(lot)) return lot;
  const found = await loaders.lotByCode.load(lot.code);
  if (!found) throw new Error(`Lot ${lot.code} was referenced but is not in the database.`);
  return found;
}

/**
 * The codes of those lots the request may see: all of them for the company's own keys; for a
 * partner, those its scoped lot loader finds (the cut is in the loader's Cypher).
 */
export async function visibleLotCodes(codes: readonly string[], { scope, loaders }: Context): Promise<string[]> {
  if (!scope) return [...codes];
  const found = loaded(await loaders.lotByCode.loadMany(codes));
  const visible = new Set(found.map((l) => l.code));
  return codes.filter((c) => visible.has(c));
}

export const lotResolvers: Resolvers = {
  Query: {
    lot: async (_, { code }, { db, loaders, scope, idBase }) => {
      const found = await lotCodeOf(db, code, { field: 'code', reveal: !scope, idBase });
      return found === null ? null : loaders.lotByCode.load(found);
    },
  },
  Mutation: {
    receiveLot: (_, { input }, { db }) => receiveLot(db, input),
  },
  Lot: {
    productSku: async (lot, _, { loaders }) => (await loadedLot(lot, loaders)).productSku,
    productName: async (lot, _, { loaders }) => (await loadedLot(lot, loaders)).productName,
    status: async (lot, _, { loaders }) => (await loadedLot(lot, loaders)).status,
    supplierLotCode: async (lot, _, { loaders }) => (await loadedLot(lot, loaders)).supplierLotCode ?? null,
    receivedAt: async (lot, _, { loaders }) => (await loadedLot(lot, loaders)).receivedAt ?? null,
    referenceDocument: async (lot, _, { loaders }) => (await loadedLot(lot, loaders)).referenceDocument ?? null,
    quantity: async (lot, _, { loaders }) => {
      const l = await loadedLot(lot, loaders);
      return { amount: fromBase(l.quantityBase, l.unit), unit: l.unit };
    },
    onHand: async (lot, _, { loaders }) => {
      const l = await loadedLot(lot, loaders);
      return { amount: fromBase(l.onHandBase, l.unit), unit: l.unit };
    },
    supplier: (lot, _, { loaders }) => loaders.supplierByLotCode.load(lot.code),
    producedBy: (lot, _, { loaders }) => loaders.producingBatchByLotCode.load(lot.code),
    consumedIn: (lot, _, { loaders }) => loaders.consumptionsByLotCode.load(lot.code),
    shipments: (lot, _, { loaders }) => loaders.shipmentLinesByLotCode.load(lot.code),
  },
  Consumption: {
    lot: (c) => ({ code: c.lotCode }),
    batch: async (c, _, { loaders }) => (await loaders.batchByCode.load(c.batchCode))!,
    quantity: (c) => ({ amount: c.amount, unit: c.unit }),
  },
};
