import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Loaders } from '../context.js';
import { isLotRecord, type LotMapper, type LotRecord } from '../lot/lot.mappers.js';
import type { ShipmentMapper } from '../shipping/shipping.mappers.js';
import * as fsmaRepository from './fsma.repository.js';
import { kdeGaps, page, upsertLocation, upsertProduct } from './fsma.service.js';

const location = (id: string | null | undefined, loaders: Loaders) => (id ? loaders.locationById.load(id) : null);

async function lot(l: LotMapper, loaders: Loaders): Promise<LotRecord> {
  return isLotRecord(l) ? l : (await loaders.lotByCode.load(l.code))!;
}

/** A shipment built from a line lacks its document fields (undefined): they are loaded. */
async function shipment(s: ShipmentMapper, loaders: Loaders): Promise<ShipmentMapper> {
  return s.referenceDocument !== undefined ? s : ((await loaders.shipmentById.load(s.id)) ?? s);
}

export const fsmaResolvers: Resolvers = {
  Query: {
    location: (_, { id }, { loaders }) => loaders.locationById.load(id),
    locations: (_, { own }, { db }) => fsmaRepository.locations(db, own ?? null),
    product: (_, { sku }, { loaders }) => loaders.productBySku.load(sku),
    fsmaRecords: (_, { filter, cte, first, offset }, { db }) => page(db, filter, cte, first ?? 100, offset ?? 0),
    kdeGaps: (_, { filter }, { db }) => kdeGaps(db, filter),
  },
  Mutation: {
    upsertLocation: (_, { input }, { db }) => upsertLocation(db, input),
    upsertProduct: (_, { input }, { db }) => upsertProduct(db, input),
  },
  Location: {
    own: (l) => l.own ?? false,
  },
  Product: {
    onFoodTraceabilityList: (p) => p.onFoodTraceabilityList ?? false,
  },
  Supplier: {
    locationDescription: (s, _, { loaders }) => location(s.locationId, loaders),
  },
  Customer: {
    locationDescription: (c, _, { loaders }) => location(c.locationId, loaders),
  },
  Lot: {
    product: async (l, _, { loaders }) => loaders.productBySku.load((await lot(l, loaders)).productSku),
    traceabilityLotCode: async (l, _, { loaders }) => {
      const record = await lot(l, loaders);
      return record.supplierLotCode ?? record.code;
    },
    receivedAtLocation: async (l, _, { loaders }) => location((await lot(l, loaders)).receivedAtLocationId, loaders),
    tlcSourceLocation: async (l, _, { loaders }) => location((await lot(l, loaders)).tlcSourceLocationId, loaders),
    tlcSourceReference: async (l, _, { loaders }) => (await lot(l, loaders)).tlcSourceReference ?? null,
    referenceDocumentType: async (l, _, { loaders }) => (await lot(l, loaders)).referenceDocumentType ?? null,
  },
  Batch: {
    location: (b, _, { loaders }) => location(b.locationId, loaders),
  },
  Shipment: {
    fromLocation: async (s, _, { loaders }) => location((await shipment(s, loaders)).fromLocationId, loaders),
    referenceDocumentType: async (s, _, { loaders }) => (await shipment(s, loaders)).referenceDocumentType ?? null,
  },
};
