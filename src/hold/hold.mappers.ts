export interface HoldRecordMapper {
  action: 'HOLD' | 'RELEASE';
  reason: string;
  by: string;
  at: string;
}
