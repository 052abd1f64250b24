import type { Db } from '../db/driver.js';
import { writeOnce } from '../db/write.js';
import { alreadyExists, notFound } from '../errors.js';
import { lockLots } from '../lot/lot.repository.js';
import { debit } from '../lot/stock.js';
import { fingerprint, optionalText, requireInstant, requireNonEmptyList, requireQuantity, requireText } from '../validation.js';
import type { ShipmentMapper } from './shipping.mappers.js';
import { requireLocations } from '../fsma/fsma.repository.js';
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
  const { shipment, lines } = normalizeShipment(input);
  return writeOnce(db, 'shipment', shipment.id, async (tx) => {
    const state = await shippingRepository.shipmentForRecording(tx, shipment.id, shipment.customerId);
    if (state.idTaken) {
      if (state.existingHash !== shipment.inputHash) throw alreadyExists('shipment', shipment.id);
      return (await shippingRepository.shipmentsByIds(tx, [shipment.id]))[0].shipment;
    }
    if (!state.customerExists) throw notFound('customer', shipment.customerId);
    await requireLocations(tx, [shipment.fromLocationId]);
    const locked = await lockLots(tx, lines.map((l) => l.lotCode));
    const debits = debit(locked, lines);
    return shippingRepository.createShipment(tx, { shipment, lines, debits });
  });
}
