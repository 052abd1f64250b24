/** A Lot node's properties, with exact base quantities. */
export interface LotRecord {
  code: string;
  productSku: string;
  productName: string;
  unit: string;
  quantityBase: bigint;
  onHandBase: bigint;
  status: 'AVAILABLE' | 'ON_HOLD' | 'RECALLED';
  supplierLotCode?: string | null;
  /** A produced lot's GS1 lot number where its code is not it (a lot captured from EPCIS is coded {gtin}-{lot}). */
  lotNumber?: string | null;
  receivedAt?: string | null;
  referenceDocument?: string | null;
  producedAt?: string | null;
  referenceDocumentType?: string | null;
  receivedAtLocationId?: string | null;
  tlcSourceLocationId?: string | null;
  tlcSourceReference?: string | null;
}

/**
 * A Lot as the resolvers receive it: the whole record, or only its code (a trace reaches
 * thousands of lots and often only their codes are asked for). Lot's field resolvers load the
 * rest, batched, when a field needs it.
 */
export type LotMapper = LotRecord | { code: string };

export const isLotRecord = (lot: LotMapper): lot is LotRecord => 'quantityBase' in lot;

/** A lot's movements and recorded stock, exact integers of its base unit (cypher/lot/lotBalances). */
export interface LotBalanceRecord {
  code: string;
  productSku: string;
  productName: string;
  unit: string;
  status: string;
  receivedBase: bigint;
  consumedBase: bigint;
  shippedBase: bigint;
  adjustedOutBase: bigint;
  onHandBase: bigint;
}

/** One CONSUMED_IN edge: the amount as it was given, in the unit it was given. */
export interface ConsumptionMapper {
  lotCode: string;
  batchCode: string;
  amount: number;
  unit: string;
}
