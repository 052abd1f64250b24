import type { Db, Runner } from '../db/driver.js';
import { writeOnce } from '../db/write.js';
import { alreadyExists, notFound } from '../errors.js';
import type { LotRecord } from '../lot/lot.mappers.js';
import { fingerprint, optionalText, requireInstant, requireQuantity, requireText } from '../validation.js';
import * as receivingRepository from './receiving.repository.js';

export interface ReceiveLotInput {
  lotCode: string;
  productSku: string;
  productName: string;
  supplierId: string;
  supplierLotCode: string;
  quantity: { amount: number; unit: string };
  receivedAt: string;
  referenceDocument?: string | null;
  referenceDocumentType?: string | null;
  receivedAtLocationId?: string | null;
  tlcSourceLocationId?: string | null;
  tlcSourceReference?: string | null;
  /** For a count (unit each): the UN/CEFACT Rec. 20 code it came with (EA, CS, ...), from EPCIS capture. */
  countCode?: string | null;
}

/** Validates a receipt and gives the record to write, with its fingerprint. */
export function normalizeReceipt(input: ReceiveLotInput): receivingRepository.NewReceivedLot {
  const quantity = requireQuantity(input.quantity, 'quantity');
  const lot: Omit<receivingRepository.NewReceivedLot, 'inputHash'> = {
    code: requireText(input.lotCode, 'lotCode'),
    productSku: requireText(input.productSku, 'productSku'),
    productName: requireText(input.productName, 'productName'),
    supplierId: requireText(input.supplierId, 'supplierId'),
    supplierLotCode: requireText(input.supplierLotCode, 'supplierLotCode'),
    amount: quantity.amount,
    unit: quantity.unit,
    base: quantity.base,
    receivedAt: requireInstant(input.receivedAt, 'receivedAt'),
    referenceDocument: optionalText(input.referenceDocument, 'referenceDocument'),
    referenceDocumentType: optionalText(input.referenceDocumentType, 'referenceDocumentType'),
    receivedAtLocationId: optionalText(input.receivedAtLocationId, 'receivedAtLocationId'),
    tlcSourceLocationId: optionalText(input.tlcSourceLocationId, 'tlcSourceLocationId'),
    tlcSourceReference: optionalText(input.tlcSourceReference, 'tlcSourceReference'),
    // Left out of the fingerprint when absent, as every record before it was.
    ...(input.countCode ? { countCode: input.countCode } : {}),
  };
  return { ...lot, inputHash: fingerprint('receiveLot', lot) };
}

/** Records a checked receipt in a transaction of the caller's (a correction's, or receiveLot's own). */
export async function recordReceipt(tx: Runner, lot: receivingRepository.NewReceivedLot): Promise<LotRecord> {
  const recorded = await receivingRepository.recordReceivedLot(tx, lot);
  if (recorded.existing) {
    if (recorded.existing.inputHash !== lot.inputHash) throw alreadyExists('lot', lot.code);
    return recorded.existing;
  }
  if (!recorded.supplierExists) throw notFound('supplier', lot.supplierId);
  if (recorded.missingLocationIds.length > 0) throw notFound('location', recorded.missingLocationIds[0]);
  return recorded.lot!;
}

/** Records a received lot; the very same input again returns the recorded lot and writes nothing. */
export async function receiveLot(db: Db, input: ReceiveLotInput): Promise<LotRecord> {
  const lot = normalizeReceipt(input);
  // One statement that writes nothing unless its checks pass: committed by Neo4j as it ends.
  return writeOnce(db, 'lot', lot.code, (tx) => recordReceipt(tx, lot), { alone: true });
}
