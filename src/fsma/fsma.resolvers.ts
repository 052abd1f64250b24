import { traceabilityLotCode } from '../gs1/lot-ref.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Loaders } from '../context.js';
import { loadedLot } from '../lot/lot.resolvers.js';
import { loadedShipment } from '../shipping/shipping.resolvers.js';
import * as fsmaRepository from './fsma.repository.js';
import { exportLinks } from './fsma.http.js';
import { kdeGaps, page, resolveFilter, upsertLocation, upsertProduct } from './fsma.service.js';

const location = (id: string | null | undefined, loaders: Loaders) => (id ? loaders.locationById.load(id) : null);

export const fsmaResolvers: Resolvers = {
  Query: {
    location: (_, { id }, { loaders }) => loaders.locationById.load(id),
    locations: (_, { own }, { db }) => fsmaRepository.locations(db, own ?? null),
    product: (_, { sku }, { loaders }) => loaders.productBySku.load(sku),
    fsmaRecords: (_, { filter, cte, first, offset }, { db }) => page(db, filter, cte, first ?? 100, offset ?? 0),
    kdeGaps: (_, { filter }, { db }) => kdeGaps(db, filter),
    fsmaExport: async (_, { filter }, { db, links, principal }) => {
      await resolveFilter(db, filter);
      // Signed for the key that asked, so that a browser can follow them without a header.
      return exportLinks(filter, (path) => links.sign(path, principal!.keyId));
    },
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
    product: async (l, _, { loaders }) => loaders.productBySku.load((await loadedLot(l, loaders)).productSku),
    traceabilityLotCode: async (l, _, { loaders }) => {
      const record = await loadedLot(l, loaders);
      return traceabilityLotCode(record);
    },
    receivedAtLocation: async (l, _, { loaders }) => location((await loadedLot(l, loaders)).receivedAtLocationId, loaders),
    tlcSourceLocation: async (l, _, { loaders }) => location((await loadedLot(l, loaders)).tlcSourceLocationId, loaders),
    tlcSourceReference: async (l, _, { loaders }) => (await loadedLot(l, loaders)).tlcSourceReference ?? null,
    referenceDocumentType: async (l, _, { loaders }) => (await loadedLot(l, loaders)).referenceDocumentType ?? null,
  },
  Batch: {
    location: (b, _, { loaders }) => location(b.locationId, loaders),
  },
  Shipment: {
    fromLocation: async (s, _, { loaders }) => location((await loadedShipment(s, loaders)).fromLocationId, loaders),
    referenceDocumentType: async (s, _, { loaders }) => (await loadedShipment(s, loaders)).referenceDocumentType ?? null,
  },
};
