import type { ScopeParam } from '../auth/principal.js';
import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { LotRecord } from '../lot/lot.mappers.js';
import type { NotificationMapper, RecallMapper } from './recall.mappers.js';

const q = {
  lotsBySupplierLotCodes: cypher('recall/lotsBySupplierLotCodes'),
  candidateLots: cypher('recall/candidateLots'),
  customerIdsByName: cypher('recall/customerIdsByName'),
  recallForRecording: cypher('recall/recallForRecording'),
  createRecall: cypher('recall/createRecall'),
  recallsByIds: cypher('recall/recallsByIds'),
  recallIds: cypher('recall/recallIds'),
  notificationsByRecallIds: cypher('recall/notificationsByRecallIds'),
  updateNotification: cypher('recall/updateNotification'),
  closeRecall: cypher('recall/closeRecall'),
  confirmRecall: cypher('recall/confirmRecall'),
};

export const lotsBySupplierLotCodes = (db: Runner, supplierLotCodes: readonly string[], scope: ScopeParam | null = null) =>
  db.run<{ supplierLotCode: string; lot: LotRecord }>(q.lotsBySupplierLotCodes, { supplierLotCodes, scope });

export const candidateLots = (db: Runner, customerIds: string[], from: string, to: string, slackDays: number) =>
  db.run<{ code: string; customerId: string; productSku: string; productName: string; lines: { shipmentId: string; shippedAtMs: bigint }[] }>(
    q.candidateLots,
    { customerIds, from, to, slackDays: BigInt(slackDays) },
  );

export const customerIdsByName = async (db: Runner, name: string) =>
  (await db.run<{ id: string }>(q.customerIdsByName, { name })).map((r) => r.id);

export const recallForRecording = async (tx: Runner, recallId: string) =>
  (await tx.run<{ existingHash: string | null; idTaken: boolean }>(q.recallForRecording, { recallId }))[0];

export const createRecall = (tx: Runner, params: Record<string, unknown>) => tx.run(q.createRecall, params);

export const recallsByIds = async (db: Runner, ids: readonly string[], scope: ScopeParam | null = null) =>
  (await db.run<{ id: string; recall: Omit<RecallMapper, 'startCodes' | 'changedCodes'>; startCodes: string[]; changedCodes: string[] }>(
    q.recallsByIds,
    { ids, scope },
  )).map((r) => ({ id: r.id, recall: { ...r.recall, startCodes: r.startCodes.sort(), changedCodes: r.changedCodes.sort() } as RecallMapper }));

export const recallIds = async (db: Runner, status: string | null, mock: boolean | null, scope: ScopeParam | null = null) =>
  (await db.run<{ id: string }>(q.recallIds, { status, mock, scope })).map((r) => r.id);

export const notificationsByRecallIds = (db: Runner, ids: readonly string[], scope: ScopeParam | null = null) =>
  db.run<NotificationMapper>(q.notificationsByRecallIds, { ids, scope });

export const updateNotification = async (tx: Runner, params: { recallId: string; customerId: string; status: string; at: string; note: string | null }) =>
  (await tx.run<{ found: boolean }>(q.updateNotification, params))[0].found;

export const closeRecall = async (tx: Runner, params: { recallId: string; outcome: string; by: string; at: string }) =>
  (await tx.run<{ before: string | null }>(q.closeRecall, params))[0].before;

export const confirmRecall = async (tx: Runner, params: Record<string, unknown>) =>
  (await tx.run<{ id: string }>(q.confirmRecall, params)).length > 0;
