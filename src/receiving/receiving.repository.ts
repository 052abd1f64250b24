import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import { distinctIds } from '../fsma/fsma.repository.js';
import type { LotRecord } from '../lot/lot.mappers.js';

const q = {
  recordReceivedLot: cypher('receiving/recordReceivedLot'),
};

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
  countCode?: string;
  inputHash: string;
}

export interface RecordedReceipt {
  /** What is already recorded under the code, with the fingerprint of the input that recorded it. */
  existing: (LotRecord & { inputHash: string }) | null;
  supplierExists: boolean;
  missingLocationIds: string[];
  lot: LotRecord | null;
}

/**
 * Checks and writes a received lot in one statement (see recordReceivedLot.cypher); writes nothing
 * when a check fails. It writes the mutation's audit record with the lot when one is carried (audit.ts).
 */
export const recordReceivedLot = async (tx: Runner, lot: NewReceivedLot) =>
  (await tx.run<RecordedReceipt>(q.recordReceivedLot, { lot, locationIds: distinctIds([lot.receivedAtLocationId, lot.tlcSourceLocationId]), auditRecord: null }))[0];
