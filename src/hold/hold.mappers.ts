export interface HoldRecordMapper {
  action: 'HOLD' | 'RELEASE' | 'RECALL';
  reason: string;
  by: string;
  at: string;
}
