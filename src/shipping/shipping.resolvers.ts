import type { Resolvers } from '../__generated__/resolvers-types.js';
import { recordShipment } from './shipping.service.js';

export const shippingResolvers: Resolvers = {
  Query: {
    shipment: (_, { id }, { loaders }) => loaders.shipmentById.load(id),
  },
  Mutation: {
    recordShipment: (_, { input }, { db }) => recordShipment(db, input),
  },
  Shipment: {
    customer: async (s, _, { loaders }) => (await loaders.customerById.load(s.customerId))!,
    lines: (s, _, { loaders }) => loaders.linesByShipmentId.load(s.id),
  },
  ShipmentLine: {
    shipment: (line) => line.shipment,
    lot: async (line, _, { loaders }) => (await loaders.lotByCode.load(line.lotCode))!,
    quantity: (line) => ({ amount: line.amount, unit: line.unit }),
  },
};
