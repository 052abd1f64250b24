/** A stored key as the repository returns it: never its hash or secret. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: string;
  customerId?: string | null;
  supplierId?: string | null;
  sharesLineage?: boolean | null;
  hint: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export type ApiKeyMapper = ApiKeyRecord;

export interface CreatedApiKeyMapper {
  key: ApiKeyRecord;
  secret: string;
}

export interface AuditRecordRow {
  id: string;
  at: string;
  keyId: string | null;
  keyName: string | null;
  operation: string;
  inputDigest: string;
  outcome: string;
  lotCodes: string[];
}

export type AuditRecordMapper = AuditRecordRow;
