import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Loaders } from '../context.js';
import type { ShipmentMapper } from './shipping.mappers.js';
import { recordShipment } from './shipping.service.js';

/** A shipment built from one of its lines lacks its document fields (undefined): they are loaded. */
export async function loadedShipment(s: ShipmentMapper, loaders: Loaders): Promise<ShipmentMapper> {
  return s.referenceDocument !== undefined ? s : ((await loaders.shipmentById.load(s.id)) ?? s);
}

export const shippingResolvers: Resolvers = {
  Query: {
    shipment: (_, { id }, { loaders }) => loaders.shipmentById.load(id),
  },
  Mutation: {
    recordShipment: (_, { input }, { db }) => recordShipment(db, input),
  },
  Shipment: {
    referenceDocument: async (s, _, { loaders }) => (await loadedShipment(s, loaders)).referenceDocument ?? null,
    customer: async (s, _, { loaders }) => (await loaders.customerById.load(s.customerId))!,
    lines: (s, _, { loaders }) => loaders.linesByShipmentId.load(s.id),
  },
  ShipmentLine: {
    // The line knows its shipment's id, customer and date; the rest is loaded only when asked.
    shipment: (line, _, { loaders }) => {
      loaders.customerById.prime(line.customer.id, line.customer);
      return { id: line.shipmentId, customerId: line.customerId, shippedAt: line.shippedAt };
    },
    lot: (line) => ({ code: line.lotCode }),
    quantity: (line) => ({ amount: line.amount, unit: line.unit }),
  },
};
