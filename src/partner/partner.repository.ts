import { createHash } from 'node:crypto';
import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';

const q = {
  instanceKey: cypher('partner/instanceKey'),
  upsertLink: cypher('partner/upsertLink'),
  removeLink: cypher('partner/removeLink'),
  links: cypher('partner/links'),
  linkedReceipts: cypher('partner/linkedReceipts'),
  lineageForCustomer: cypher('partner/lineageForCustomer'),
  dueNotices: cypher('partner/dueNotices'),
  noticeContent: cypher('partner/noticeContent'),
  recordDelivery: cypher('partner/recordDelivery'),
  recordStatement: cypher('partner/recordStatement'),
  statements: cypher('partner/statements'),
  receivedByTlcs: cypher('partner/receivedByTlcs'),
};

export type PartyKind = 'supplier' | 'customer';

/** A link to a partner's lotgraph as stored (the sealed secret only where asked for). */
export interface LinkRecord {
  id: string;
  partyKind: PartyKind;
  partyId: string;
  baseUrl: string;
  sealedKey?: string | null;
  keyHint: string;
  /** The partner instance's id (its key's thumbprint), name and public key (JWK as JSON text), pinned when linked. */
  partnerId: string;
  partnerName: string;
  partnerJwk: string;
  linkedAt: string;
}

export const linkId = (kind: PartyKind, partyId: string) => `${kind}:${partyId}`;

export const instanceKey = async (tx: Runner, privateJwk: string) =>
  (await tx.run<{ privateJwk: string }>(q.instanceKey, { privateJwk }))[0]!.privateJwk;

export const upsertLink = async (tx: Runner, link: Omit<LinkRecord, 'linkedAt'>) =>
  (await tx.run<{ link: LinkRecord }>(q.upsertLink, { link }))[0]?.link ?? null;

export const removeLink = async (tx: Runner, id: string) => (await tx.run<{ link: LinkRecord }>(q.removeLink, { id }))[0]?.link ?? null;

export const links = async (db: Runner, ids: readonly string[] | null, withKey = false) =>
  (await db.run<{ link: LinkRecord }>(q.links, { ids, withKey })).map((r) => r.link);

export const linkedReceipts = (db: Runner, codes: readonly string[]) =>
  db.run<{ code: string; tlc: string; gtin: string | null; linkId: string }>(q.linkedReceipts, { codes });

export interface LineageInput {
  tlc: string;
  productName: string;
  gtin: string | null;
  amount: number;
  unit: string;
  receivedAt: string | null;
  tlcSource: string | null;
  tlcSourceGln: string | null;
  supplierId: string;
  supplierName: string;
  supplierGln: string | null;
}

export const lineageForCustomer = (db: Runner, customerId: string, tlc: string, gtin: string | null) =>
  db.run<{ code: string; tlc: string; productName: string; gtin: string | null; inputs: LineageInput[] }>(q.lineageForCustomer, { customerId, tlc, gtin });

export const dueNotices = (tx: Runner, limit: number, leaseSeconds: number) =>
  tx.run<{ recallId: string; customerId: string; attempts: bigint; linkId: string }>(q.dueNotices, { limit: BigInt(limit), leaseSeconds: BigInt(leaseSeconds) });

export interface NoticeLine {
  tlc: string;
  gtin: string | null;
  productName: string;
  amount: number;
  unit: string;
  shipmentId: string;
  shippedAt: string;
}

export interface NoticeRecall {
  id: string;
  reason: string;
  classification: string | null;
  action: string | null;
  status: string;
  initiatedAt: string;
  originRootCompany: string | null;
  originRootRecallId: string | null;
  originRootReason: string | null;
}

export const noticeContent = async (db: Runner, recallId: string, customerId: string) =>
  (await db.run<{ recall: NoticeRecall; lines: NoticeLine[] }>(q.noticeContent, { recallId, customerId }))[0] ?? null;

export interface Delivery {
  recallId: string;
  customerId: string;
  entry: string;
  acknowledged: boolean;
  acknowledgement: string | null;
  note: string | null;
  nextAttemptAt: string | null;
}

export const recordDelivery = (tx: Runner, delivery: Delivery) => tx.run(q.recordDelivery, { ...delivery });

export interface StatementRecord {
  id: string;
  kind: string;
  linkId: string;
  partyKind: PartyKind;
  partyId: string;
  company: string;
  instanceId: string;
  /** What it is about: a TLC, a recall id. */
  subject: string;
  statedAt: string;
  receivedAt?: string;
  jws: string;
}

/**
 * Keeps a partner's verified statement, once (its id is the hash of its text), with who signed it
 * and when; gives its id.
 */
export async function keepStatement(
  tx: Runner,
  kind: 'lineage' | 'recallNotice' | 'recallAck',
  link: Pick<LinkRecord, 'id' | 'partyKind' | 'partyId'>,
  claims: { iss: string; issName: string; iat: number },
  subject: string,
  jws: string,
): Promise<string> {
  const id = createHash('sha256').update(jws).digest('hex');
  const statement = {
    id, kind, linkId: link.id, partyKind: link.partyKind, partyId: link.partyId,
    company: claims.issName, instanceId: claims.iss, subject, statedAt: new Date(claims.iat * 1000).toISOString(), jws,
  };
  await tx.run(q.recordStatement, { statement });
  return id;
}

export const statements = async (db: Runner, filter: { id?: string | null; linkId: string | null; kind: string | null; subject: string | null; first: number }) =>
  (await db.run<{ statement: StatementRecord }>(q.statements, { id: null, ...filter, first: BigInt(filter.first) })).map((r) => r.statement);

export const receivedByTlcs = (db: Runner, supplierId: string, tlcs: string[]) => db.run<{ code: string; tlc: string }>(q.receivedByTlcs, { supplierId, tlcs });
