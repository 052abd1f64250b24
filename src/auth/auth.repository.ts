import { type CypherStatement, cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { ApiKeyRecord, AuditRecordRow } from './auth.mappers.js';

const q = {
  createApiKey: cypher('auth/createApiKey'),
  apiKeyByHash: cypher('auth/apiKeyByHash'),
  apiKeyById: cypher('auth/apiKeyById'),
  apiKeys: cypher('auth/apiKeys'),
  revokeApiKey: cypher('auth/revokeApiKey'),
  touchApiKeys: cypher('auth/touchApiKeys'),
  createAuditRecord: cypher('auth/createAuditRecord'),
  auditRecords: cypher('auth/auditRecords'),
};

export interface NewApiKey {
  id: string;
  name: string;
  role: string;
  customerId: string | null;
  supplierId: string | null;
  sharesLineage: boolean;
  hash: string;
  hint: string;
}

export const createApiKey = async (tx: Runner, key: NewApiKey) =>
  (await tx.run<{ key: ApiKeyRecord }>(q.createApiKey, { key }))[0]!.key;

export const apiKeyByHash = async (db: Runner, hash: string) =>
  (await db.run<{ key: ApiKeyRecord }>(q.apiKeyByHash, { hash }))[0]?.key ?? null;

export const apiKeyById = async (db: Runner, id: string) =>
  (await db.run<{ key: ApiKeyRecord }>(q.apiKeyById, { id }))[0]?.key ?? null;

export const apiKeys = async (db: Runner, includeRevoked: boolean) =>
  (await db.run<{ key: ApiKeyRecord }>(q.apiKeys, { includeRevoked })).map((r) => r.key);

export const revokeApiKey = async (tx: Runner, id: string) =>
  (await tx.run<{ key: ApiKeyRecord }>(q.revokeApiKey, { id }))[0]?.key ?? null;

export const touchApiKeys = (tx: Runner, uses: { id: string; at: string }[]) => tx.run(q.touchApiKeys, { uses });

/** An audit record as written: its time is Neo4j's, at commit. */
export type NewAuditRecord = Omit<AuditRecordRow, 'at'>;

export const createAuditRecord = (tx: Runner, record: NewAuditRecord) => tx.run(q.createAuditRecord, { auditRecord: record });

const auditClause = `CALL () {\n${q.createAuditRecord.text.replace(/^\s*\/\/.*\n/gm, '').trim()}\n}\n`;
const carrying = new WeakMap<CypherStatement, CypherStatement>();

/**
 * `statement` with the audit record's CREATE in front of it as a unit subquery: a mutation's
 * first statement carries its record, so that the two are one statement, one message and one
 * round trip, and commit together. Give the record as the parameter `auditRecord`.
 */
export function withAuditRecord(statement: CypherStatement): CypherStatement {
  let composed = carrying.get(statement);
  if (!composed) {
    composed = { name: `${statement.name}+auditRecord`, text: auditClause + statement.text };
    carrying.set(statement, composed);
  }
  return composed;
}

/**
 * Whether a statement writes the audit record itself: it takes `$auditRecord` (null when none is
 * carried), writes it with its own write or a repeat's answer but never with a refusal, and
 * returns `auditRecorded`. Such a statement can
 * run as an auto-commit write (db.writeAlone), where a record in front of it would commit even
 * when its checks failed and it wrote nothing.
 */
export const writesOwnAuditRecord = (statement: CypherStatement): boolean => statement.text.includes('$auditRecord');

export interface AuditQuery {
  keyId: string | null;
  operation: string | null;
  from: string | null;
  to: string | null;
  lotCode: string | null;
  first: number;
  before: string | null;
  beforeId: string | null;
}

export const auditRecords = async (db: Runner, query: AuditQuery) =>
  (await db.run<{ record: AuditRecordRow }>(q.auditRecords, { ...query, first: BigInt(query.first) })).map((r) => r.record);
