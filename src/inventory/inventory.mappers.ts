export interface AdjustmentMapper {
  id: string;
  lotCode: string;
  kind: 'WASTE' | 'SAMPLE' | 'DAMAGE' | 'COUNT_CORRECTION';
  direction: 'DECREASE' | 'INCREASE';
  quantity: number;
  unit: string;
  quantityBase: bigint;
  reason: string;
  by: string;
  at: string;
}
