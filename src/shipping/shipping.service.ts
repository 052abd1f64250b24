import type { Db, Runner } from '../db/driver.js';
import { writeOnce } from '../db/write.js';
import { inTurn } from '../lot/turns.js';
import { alreadyExists, notFound } from '../errors.js';
import { confirmDebits } from '../lot/stock.js';
import { fingerprint, optionalText, requireInstant, requireNonEmptyList, requireQuantity, requireText } from '../validation.js';
import type { ShipmentMapper } from './shipping.mappers.js';
import * as shippingRepository from './shipping.repository.js';

export interface ShipmentInput {
  shipmentId: string;
  customerId: string;
  shippedAt: string;
  referenceDocument?: string | null;
  fromLocationId?: string | null;
  referenceDocumentType?: string | null;
  lines: { lotCode: string; quantity: { amount: number; unit: string } }[];
}

/** Validates a shipment and gives the shipment and lines to write, with a fingerprint. */
export function normalizeShipment(input: ShipmentInput) {
  const shipment = {
    id: requireText(input.shipmentId, 'shipmentId'),
    customerId: requireText(input.customerId, 'customerId'),
    shippedAt: requireInstant(input.shippedAt, 'shippedAt'),
    referenceDocument: optionalText(input.referenceDocument, 'referenceDocument'),
    fromLocationId: optionalText(input.fromLocationId, 'fromLocationId'),
    referenceDocumentType: optionalText(input.referenceDocumentType, 'referenceDocumentType'),
  };
  const lines = requireNonEmptyList(input.lines, 'lines').map((l, n) => ({
    line: n,
    lotCode: requireText(l.lotCode, `lines[${n}].lotCode`),
    ...requireQuantity(l.quantity, `lines[${n}].quantity`),
  }));
  return { shipment: { ...shipment, inputHash: fingerprint('recordShipment', { shipment, lines }) }, lines };
}

/**
 * Records a shipment of lots to a customer in one transaction. The very same input again
 * returns the recorded shipment and writes nothing.
 */
export async function recordShipment(db: Db, input: ShipmentInput): Promise<ShipmentMapper> {
  const shipment = normalizeShipment(input);
  // One statement that writes nothing unless its checks pass: committed by Neo4j as it ends, so the lots are held no longer.
  return inTurn(shipment.lines.map((l) => l.lotCode), () =>
    writeOnce(db, 'shipment', shipment.shipment.id, (tx) => recordShipmentIn(tx, shipment), { alone: true }),
  );
}

/** Records a checked shipment in a transaction of the caller's (a correction's, or recordShipment's own). */
export async function recordShipmentIn(tx: Runner, { shipment, lines }: ReturnType<typeof normalizeShipment>): Promise<ShipmentMapper> {
  const recorded = await shippingRepository.recordShipment(tx, { shipment, lines });
  if (recorded.existing) {
    if (recorded.existing.inputHash !== shipment.inputHash) throw alreadyExists('shipment', shipment.id);
    return recorded.existing;
  }
  if (!recorded.customerExists) throw notFound('customer', shipment.customerId);
  if (recorded.missingLocationIds.length > 0) throw notFound('location', recorded.missingLocationIds[0]);
  confirmDebits(recorded.locked, lines, recorded.debits);
  return recorded.shipment!;
}
