import type { CustomerMapper } from '../party/party.mappers.js';

/**
 * A Shipment as the resolvers receive it. Built from a shipment line it lacks referenceDocument
 * (undefined: not read yet), which Shipment.referenceDocument then loads.
 */
export interface ShipmentMapper {
  id: string;
  customerId: string;
  shippedAt: string;
  referenceDocument?: string | null;
  fromLocationId?: string | null;
  referenceDocumentType?: string | null;
}

/** One SHIPPED_TO edge: a line of a shipment, in the unit it was given, and its customer. */
export interface ShipmentLineMapper {
  shipmentId: string;
  /** The line's place in its shipment, from 0. */
  line: number;
  lotCode: string;
  amount: number;
  unit: string;
  customerId: string;
  shippedAt: string;
  customer: CustomerMapper;
}
