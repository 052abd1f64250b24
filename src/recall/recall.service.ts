/**
 * Recalls as a quality manager works them: find the lot from what a caller knows, compute what a
 * recall from it reaches (every downstream lot with its mass balance, every customer with every
 * line, the sources upstream), record a recall that holds or recalls what still has stock in the
 * same transaction, or a mock recall that changes nothing and is timed for the auditor.
 */
import { DEFAULT_ID_BASE } from '../config.js';
import type { Db, Runner } from '../db/driver.js';
import { WriteConflict, writeOnce } from '../db/write.js';
import { alreadyExists, badInput, notFound } from '../errors.js';
import { lotCodesOf } from '../gs1/lot-ref.js';
import { setLotStatuses } from '../hold/hold.repository.js';
import { type LockedLot, lockLots, lotBalances, lotsByCodes, supplierByLotCodes } from '../lot/lot.repository.js';
import { expectedOnHand } from '../lot/stock.js';
import { customersByIds } from '../party/party.repository.js';
import { shipmentLinesByLotCodes } from '../shipping/shipping.repository.js';
import { batchEnds, reachFromLots } from '../trace/trace.repository.js';
import { walk } from '../trace/walk.js';
import { fingerprint, optionalText, requireInstant, requireText } from '../validation.js';
import type { BalanceMapper, CandidateLotMapper, ReconciliationMapper, RecallMapper, ScopeMapper } from './recall.mappers.js';
import * as recallRepository from './recall.repository.js';

export interface RecallStart {
  lotCodes?: string[] | null;
  batchCode?: string | null;
  supplierLotCode?: string | null;
}

/** The lots a recall starts from; NOT_FOUND for any part that names nothing. */
export async function resolveStart(db: Runner, start: RecallStart, idBase = DEFAULT_ID_BASE): Promise<string[]> {
  // A lot's GS1 identifier stands for every lot it names (one product's lots under one lot number).
  const lotCodes: string[] = [];
  for (const ref of new Set(start.lotCodes ?? [])) {
    const named = await lotCodesOf(db, ref, 'lotCodes', idBase);
    if (named.length === 0) throw notFound('lot', ref);
    lotCodes.push(...named);
  }
  const batchCode = optionalText(start.batchCode, 'batchCode');
  const supplierLotCode = optionalText(start.supplierLotCode, 'supplierLotCode');
  if (lotCodes.length === 0 && !batchCode && !supplierLotCode) {
    throw badInput('Say where the recall starts: lotCodes, a batchCode or a supplierLotCode.', 'start');
  }
  const codes = new Set<string>();
  if (lotCodes.length > 0) {
    const found = new Set((await lotsByCodes(db, lotCodes)).map((r) => r.code));
    const missing = lotCodes.find((c) => !found.has(c));
    if (missing) throw notFound('lot', missing);
    for (const c of lotCodes) codes.add(c);
  }
  if (batchCode) {
    const ends = await batchEnds(db, batchCode);
    if (!ends) throw notFound('batch', batchCode);
    for (const c of ends.outputs) codes.add(c);
  }
  if (supplierLotCode) {
    const lots = await recallRepository.lotsBySupplierLotCodes(db, [supplierLotCode]);
    if (lots.length === 0) throw notFound('received lot with supplier lot code', supplierLotCode);
    for (const l of lots) codes.add(l.lot.code);
  }
  return [...codes].sort();
}

/** The balance of every lot downstream of these lots (themselves included), with its depth. */
export async function downstreamBalances(db: Runner, startCodes: string[]): Promise<BalanceMapper[]> {
  const reached = await reachFromLots(db, 'forward', startCodes, null);
  const depths = walk({ lotCodes: startCodes, depth: 0 }, new Map(reached.map((r) => [r.code, r])), null).lots;
  const depthOf = new Map(depths.map((l) => [l.code, l.depth]));
  const balances = await lotBalances(db, depths.map((l) => l.code));
  return balances
    .map((b) => ({ ...b, depth: depthOf.get(b.code)! }))
    .sort((a, b) => a.depth - b.depth || (a.code < b.code ? -1 : 1));
}

/** Everything a recall from these lots reaches; one read per kind of fact, whatever the size. */
export async function computeScope(db: Runner, startCodes: string[]): Promise<ScopeMapper> {
  const lots = await downstreamBalances(db, startCodes);
  const lines = await shipmentLinesByLotCodes(db, lots.map((l) => l.code));
  const upstream = await reachFromLots(db, 'backward', startCodes, null);
  const sourceCodes = (await supplierByLotCodes(db, upstream.map((r) => r.code))).map((r) => r.code).sort();
  return { startCodes, lots, lines, sourceCodes };
}

export const accountedFor = (b: BalanceMapper) => b.consumedBase + b.shippedBase + b.adjustedOutBase + b.onHandBase;
export const gapOf = (b: BalanceMapper) => expectedOnHand(b) - b.onHandBase;
export const percentOf = (b: BalanceMapper) =>
  b.receivedBase === 0n ? 100 : Number((accountedFor(b) * 1_000_000n) / b.receivedBase) / 10_000;

/** For each lot, received or produced = consumed + shipped + adjusted out + on hand; gaps listed. */
export function reconcile(lots: BalanceMapper[]): ReconciliationMapper {
  const gaps = lots.filter((b) => gapOf(b) !== 0n);
  const percentAccountedFor = lots.length === 0 ? 100 : lots.reduce((sum, b) => sum + percentOf(b), 0) / lots.length;
  return { lots, gaps, percentAccountedFor };
}

export interface InitiateRecallInput {
  recallId: string;
  reason: string;
  classification?: string | null;
  by: string;
  at?: string | null;
  start: RecallStart;
  action?: 'HOLD' | 'RECALL' | null;
}

/** Where a recall came from when a linked supplier's notice opened it (it is then PENDING). */
export interface RecallOrigin {
  originLinkId: string;
  originCompany: string;
  originRecallId: string;
  originStatementId: string;
  /** Where the chain of notices began (the supplier itself, or the company its recall came from) and why. */
  originRootCompany: string;
  originRootRecallId: string;
  originRootReason: string;
}

/**
 * Locks every lot the scope reaches, then reads it again: a shipment or consumption that
 * committed in between is in the second read, and none can follow until this commits.
 */
async function lockScope(tx: Runner, startCodes: string[], first: ScopeMapper) {
  let scope = first;
  const locked: LockedLot[] = [];
  for (let round = 0; ; round += 1) {
    const lockedCodes = new Set(locked.map((l) => l.code));
    const fresh = scope.lots.map((l) => l.code).filter((c) => !lockedCodes.has(c));
    if (fresh.length === 0) return { scope, locked };
    if (round === 5) throw new WriteConflict();
    locked.push(...(await lockLots(tx, fresh)));
    scope = await computeScope(tx, startCodes);
  }
}

/** Puts each locked lot that still has stock ON_HOLD, or marks it RECALLED; the codes changed. */
async function actOnLots(tx: Runner, locked: LockedLot[], action: 'HOLD' | 'RECALL', reason: string, by: string, at: string) {
  const target = action === 'RECALL' ? 'RECALLED' : 'ON_HOLD';
  const changes = locked
    .filter((l) => l.onHandBase > 0n && (target === 'RECALLED' ? l.status !== 'RECALLED' : l.status === 'AVAILABLE'))
    .map((l) => ({ code: l.code, status: target as 'RECALLED' | 'ON_HOLD' }));
  await setLotStatuses(tx, changes, { action, reason, by, at }, locked.map((l) => l.code));
  return new Set(changes.map((c) => c.code));
}

const counts = (scope: ScopeMapper, customerIds: string[]) => {
  const reconciliation = reconcile(scope.lots);
  return {
    lotCount: BigInt(scope.lots.length),
    customerCount: BigInt(customerIds.length),
    lineCount: BigInt(scope.lines.length),
    percentAccountedFor: reconciliation.percentAccountedFor,
    gapCount: BigInt(reconciliation.gaps.length),
  };
};

/**
 * Records a recall (or, with mock, a mock recall) in one transaction. A real recall locks every
 * affected lot, puts each that still has stock ON_HOLD or marks it RECALLED (action), and lists
 * every affected customer as PENDING notification. A mock recall changes no lot. The very same
 * input again returns the recorded recall and writes nothing. A recall opened by a linked
 * supplier's notice (`origin`) is PENDING: its scope and customers are recorded (and linked
 * customers told at once), but no lot changes until our quality manager confirms it.
 */
export async function initiateRecall(db: Db, input: InitiateRecallInput, mock = false, idBase = DEFAULT_ID_BASE, origin?: RecallOrigin): Promise<RecallMapper> {
  const recall = {
    id: requireText(input.recallId, 'recallId'),
    reason: requireText(input.reason, 'reason'),
    classification: optionalText(input.classification, 'classification'),
    initiatedBy: requireText(input.by, 'by'),
    action: mock ? null : (input.action ?? 'RECALL'),
    start: {
      lotCodes: [...new Set(input.start?.lotCodes ?? [])].sort(),
      batchCode: optionalText(input.start?.batchCode, 'batchCode'),
      supplierLotCode: optionalText(input.start?.supplierLotCode, 'supplierLotCode'),
    },
  };
  const initiatedAt = input.at == null ? null : requireInstant(input.at, 'at');
  const inputHash = fingerprint(mock ? 'runMockRecall' : 'initiateRecall', { ...recall, initiatedAt, origin: origin?.originRecallId ?? null });
  const pending = !mock && origin !== undefined;

  return writeOnce(db, 'recall', recall.id, async (tx) => {
    const state = await recallRepository.recallForRecording(tx, recall.id);
    if (state.idTaken) {
      if (state.existingHash !== inputHash) throw alreadyExists('recall', recall.id);
      return (await recallRepository.recallsByIds(tx, [recall.id]))[0].recall;
    }
    const startedAt = new Date();
    const startCodes = await resolveStart(tx, recall.start, idBase);
    let scope = await computeScope(tx, startCodes);
    let changed = new Set<string>();
    if (!mock && !pending) {
      const { scope: lockedScope, locked } = await lockScope(tx, startCodes, scope);
      scope = lockedScope;
      changed = await actOnLots(tx, locked, recall.action === 'RECALL' ? 'RECALL' : 'HOLD', `Recall ${recall.id}: ${recall.reason}`, recall.initiatedBy, initiatedAt ?? startedAt.toISOString());
    }
    const customerIds = [...new Set(scope.lines.map((l) => l.customerId))].sort();
    const finishedAt = new Date();
    await recallRepository.createRecall(tx, {
      recall: {
        id: recall.id,
        mock,
        pending,
        reason: recall.reason,
        classification: recall.classification,
        action: recall.action,
        initiatedBy: recall.initiatedBy,
        initiatedAt: initiatedAt ?? startedAt.toISOString(),
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: BigInt(finishedAt.getTime() - startedAt.getTime()),
        inputHash,
        ...counts(scope, customerIds),
      },
      origin: origin ?? {},
      startCodes,
      affected: scope.lots.map((l) => ({ code: l.code, onHandBase: l.onHandBase, changed: changed.has(l.code) })),
      customerIds: mock ? [] : customerIds,
    });
    return (await recallRepository.recallsByIds(tx, [recall.id]))[0].recall;
  });
}

/**
 * Confirms a pending recall (one a supplier's notice opened): its scope is computed again, every
 * lot it reaches is locked, and each that still has stock is held or recalled, as initiateRecall
 * does. Confirming an open recall again changes nothing.
 */
export async function confirmRecall(db: Db, input: { recallId: string; by: string; action?: 'HOLD' | 'RECALL' | null; at?: string | null }): Promise<RecallMapper> {
  const recallId = requireText(input.recallId, 'recallId');
  const by = requireText(input.by, 'by');
  const at = input.at == null ? new Date().toISOString() : requireInstant(input.at, 'at');
  return db.write(async (tx) => {
    const found = (await recallRepository.recallsByIds(tx, [recallId]))[0]?.recall;
    if (!found) throw notFound('recall', recallId);
    if (found.status === 'OPEN' && !found.mock) return found;
    if (found.status !== 'PENDING') throw badInput(`Recall ${recallId} is ${found.mock ? 'a mock recall' : found.status}; only a PENDING recall is confirmed.`, 'recallId');
    const action = input.action ?? found.action ?? 'RECALL';
    const { scope, locked } = await lockScope(tx, found.startCodes, await computeScope(tx, found.startCodes));
    const changed = await actOnLots(tx, locked, action, `Recall ${recallId}: ${found.reason}`, by, at);
    const customerIds = [...new Set(scope.lines.map((l) => l.customerId))].sort();
    await recallRepository.confirmRecall(tx, {
      recallId,
      action,
      by,
      at,
      affected: scope.lots.map((l) => ({ code: l.code, onHandBase: l.onHandBase, changed: changed.has(l.code) })),
      customerIds,
      counts: counts(scope, customerIds),
    });
    return (await recallRepository.recallsByIds(tx, [recallId]))[0].recall;
  });
}

export async function updateNotification(
  db: Db,
  input: { recallId: string; customerId: string; status: 'PENDING' | 'NOTIFIED' | 'ACKNOWLEDGED'; at?: string | null; note?: string | null },
) {
  const params = {
    recallId: requireText(input.recallId, 'recallId'),
    customerId: requireText(input.customerId, 'customerId'),
    status: input.status,
    at: input.at == null ? new Date().toISOString() : requireInstant(input.at, 'at'),
    note: optionalText(input.note, 'note'),
  };
  return db.write(async (tx) => {
    if (!(await recallRepository.updateNotification(tx, params))) {
      throw notFound('notification (recall and customer)', `${params.recallId} / ${params.customerId}`);
    }
    const all = await recallRepository.notificationsByRecallIds(tx, [params.recallId]);
    return all.find((n) => n.customer.id === params.customerId)!;
  });
}

/** Closes a recall with its outcome; closing a closed recall changes nothing. */
export async function closeRecall(db: Db, input: { recallId: string; outcome: string; by: string; at?: string | null }) {
  const params = {
    recallId: requireText(input.recallId, 'recallId'),
    outcome: requireText(input.outcome, 'outcome'),
    by: requireText(input.by, 'by'),
    at: input.at == null ? new Date().toISOString() : requireInstant(input.at, 'at'),
  };
  return db.write(async (tx) => {
    const before = await recallRepository.closeRecall(tx, params);
    if (before === null) throw notFound('recall', params.recallId);
    return (await recallRepository.recallsByIds(tx, [params.recallId]))[0].recall;
  });
}

const SLACK_DAYS = 7;
const DAY = 86_400_000;

/**
 * The lots shipped to a customer (by id, or every customer whose name contains the text given)
 * around a window, best match first. A line inside the window scores full time marks, one a day
 * outside less, to nothing a week out; the product scores full marks when its SKU is the one
 * given (or none is given), a third otherwise.
 */
export async function candidateLots(
  db: Db,
  args: { customerId?: string | null; customerName?: string | null; productSku?: string | null; shippedFrom: string; shippedTo: string },
): Promise<CandidateLotMapper[]> {
  const from = requireInstant(args.shippedFrom, 'shippedFrom');
  const to = requireInstant(args.shippedTo, 'shippedTo');
  if (from > to) throw badInput(`shippedFrom (${from}) is after shippedTo (${to}).`, 'shippedFrom');
  if ((args.customerId == null) === (args.customerName == null)) throw badInput('Give exactly one of customerId and customerName.');
  let customerIds: string[];
  if (args.customerId != null) {
    const id = requireText(args.customerId, 'customerId');
    if ((await customersByIds(db, [id])).length === 0) throw notFound('customer', id);
    customerIds = [id];
  } else {
    const name = requireText(args.customerName, 'customerName');
    customerIds = await recallRepository.customerIdsByName(db, name);
    if (customerIds.length === 0) throw notFound('customer named like', name);
  }
  const rows = await recallRepository.candidateLots(db, customerIds, from, to, SLACK_DAYS);
  const [lo, hi] = [Date.parse(from), Date.parse(to)];
  const timeScore = (ms: number) => Math.max(0, 1 - Math.max(lo - ms, ms - hi, 0) / (SLACK_DAYS * DAY));
  return rows
    .map((r) => {
      const product = !args.productSku || r.productSku === args.productSku ? 1 : 1 / 3;
      const best = Math.max(...r.lines.map((l) => timeScore(Number(l.shippedAtMs))));
      const latest = Math.max(...r.lines.map((l) => Number(l.shippedAtMs)));
      return { code: r.code, score: Math.round((0.6 * product + 0.4 * best) * 1000) / 1000, customerId: r.customerId, shipmentIds: r.lines.map((l) => l.shipmentId), latest };
    })
    .sort((a, b) => b.score - a.score || b.latest - a.latest || (a.code < b.code ? -1 : 1))
    .map(({ latest: _, ...c }) => c);
}
