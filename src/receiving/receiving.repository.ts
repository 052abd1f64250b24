import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { LotRecord } from '../lot/lot.mappers.js';

const q = {
  lotForReceipt: cypher('receiving/lotForReceipt'),
  createReceivedLot: cypher('receiving/createReceivedLot'),
};

export const lotForReceipt = async (tx: Runner, lotCode: string, supplierId: string) =>
  (await tx.run<{ existingHash: string | null; codeTaken: boolean; supplierExists: boolean }>(q.lotForReceipt, {
    lotCode,
    supplierId,
  }))[0];

export interface NewReceivedLot {
  code: string;
  productSku: string;
  productName: string;
  supplierId: string;
  supplierLotCode: string;
  amount: number;
  unit: string;
  base: bigint;
  receivedAt: string;
  referenceDocument: string | null;
  referenceDocumentType: string | null;
  receivedAtLocationId: string | null;
  tlcSourceLocationId: string | null;
  tlcSourceReference: string | null;
  inputHash: string;
}

export const createReceivedLot = async (tx: Runner, lot: NewReceivedLot) =>
  (await tx.run<{ lot: LotRecord }>(q.createReceivedLot, { lot }))[0].lot;
