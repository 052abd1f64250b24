export type CorrectedRecordKind = 'RECEIPT' | 'PRODUCTION' | 'SHIPMENT';

export interface CorrectionMapper {
  id: string;
  kind: CorrectedRecordKind;
  recordId: string;
  reason: string;
  at: string;
  byKeyId: string | null;
  by: string | null;
  lotCodes: string[];
  replacedBy: string | null;
}
