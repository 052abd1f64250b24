export interface ShipmentMapper {
  id: string;
  customerId: string;
  shippedAt: string;
  referenceDocument?: string | null;
}

/** One SHIPPED_TO edge: a line of a shipment, in the unit it was given. */
export interface ShipmentLineMapper {
  shipmentId: string;
  line: bigint;
  lotCode: string;
  amount: number;
  unit: string;
  customerId: string;
  shippedAt: string;
  /** Its shipment, read in the same statement: resolving line.shipment costs no round trip. */
  shipment: ShipmentMapper;
}
