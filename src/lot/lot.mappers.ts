/** A Lot as the resolvers receive it: the node's properties, with exact base quantities. */
export interface LotMapper {
  code: string;
  productSku: string;
  productName: string;
  unit: string;
  quantityBase: bigint;
  onHandBase: bigint;
  status: 'AVAILABLE' | 'ON_HOLD' | 'RECALLED';
  supplierLotCode?: string | null;
  receivedAt?: string | null;
  referenceDocument?: string | null;
  producedAt?: string | null;
}

/** One CONSUMED_IN edge: the amount as it was given, in the unit it was given. */
export interface ConsumptionMapper {
  lotCode: string;
  batchCode: string;
  amount: number;
  unit: string;
}
