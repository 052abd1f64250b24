/**
 * Corrections that keep history. A record entered by mistake (the wrong flour lot scanned into a
 * batch) is voided, not deleted: its nodes are relabelled (VoidedLot, VoidedBatch,
 * VoidedShipment) and its edges retyped (VOIDED_CONSUMED_IN, ...), so every current view (traces,
 * the trace procedure, on-hand, recalls, the FDA sheet), which matches Lot, Batch, CONSUMED_IN and
 * the rest, no longer sees it, while the lot's history, the graph and the audit trail keep it. A
 * Correction node says who voided it, why and when, and what replaced it.
 *
 * A void that would leave a later record without its stock (a receipt whose lot a batch used) is
 * refused, naming those records. A correction voids and records the corrected record in one
 * transaction, under the same code. EPCIS ErrorDeclarations void what their event recorded.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Runner } from '../db/driver.js';
import { DomainError, ErrorCode, notFound } from '../errors.js';
import * as bulkRepository from '../bulk/bulk.repository.js';
import { lockLots, lotBalances } from '../lot/lot.repository.js';
import { expectedOnHand } from '../lot/stock.js';
import { fromBase } from '../units.js';
import { requireText } from '../validation.js';
import { normalizeReceipt, recordReceipt, type ReceiveLotInput } from '../receiving/receiving.service.js';
import { normalizeProduction, recordBatchIn, type ProductionInput } from '../production/production.service.js';
import { normalizeShipment, recordShipmentIn, type ShipmentInput } from '../shipping/shipping.service.js';
import type { CorrectedRecordKind, CorrectionMapper } from './correction.mappers.js';
import * as correctionRepository from './correction.repository.js';

export interface VoidInput {
  kind: CorrectedRecordKind;
  id: string;
  reason: string;
}

export interface Voider {
  keyId: string | null;
  name: string | null;
}

const WHAT: Record<CorrectedRecordKind, string> = { RECEIPT: 'lot', PRODUCTION: 'batch', SHIPMENT: 'shipment' };

/** A void refused because later records use what the record made: each named. */
export class HasDependents extends DomainError {
  constructor(kind: CorrectedRecordKind, id: string, readonly dependents: correctionRepository.Dependent[]) {
    const list = dependents.slice(0, 20).map((d) => `${d.kind} ${d.id} (uses lot ${d.lotCode})`).join(', ');
    super(
      ErrorCode.BAD_USER_INPUT,
      `The ${kind.toLowerCase()} ${id} cannot be voided: ${dependents.length} later record(s) use what it made: ${list}${dependents.length > 20 ? ', ...' : ''}. Void or correct those first.`,
      { dependents },
    );
  }
}

/**
 * Voids a record in the caller's transaction: checks it exists and nothing current depends on
 * it, takes it out of the current records, recomputes the on-hand of the lots it drew from, and
 * keeps the correction. `declaration`: the EPCIS error declaration given to events that recorded it.
 */
export async function voidIn(tx: Runner, input: VoidInput, by: Voider, options: { replacedBy?: string | null; declaration?: Record<string, unknown> } = {}): Promise<CorrectionMapper> {
  const id = requireText(input.id, 'id');
  const reason = requireText(input.reason, 'reason');
  await correctionRepository.lockRecord(tx, input.kind, id);
  const [target] = await correctionRepository.voidPreview(tx, [{ kind: input.kind, id }]);
  if (!target?.found) throw notFound(WHAT[input.kind], id);
  if (input.kind === 'RECEIPT' && !target.received) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `The lot ${id} was produced, not received: void or correct the batch that made it.`, { field: 'id' });
  }
  if (target.dependents.length > 0) throw new HasDependents(input.kind, id, target.dependents);
  const correction = { id: randomUUID(), reason };
  await correctionRepository.applyVoid(tx, input.kind, id, correction);
  // The lots it drew from get back what it took (a voided receipt's own lot is out of the records).
  const drawnFrom = [...new Set(target.credits.map((c) => c.lotCode))];
  if (drawnFrom.length > 0) {
    // Locked before their movements are read: a concurrent consumption queues behind the correction.
    await lockLots(tx, drawnFrom);
    const rows = (await lotBalances(tx, drawnFrom)).map((b) => {
      const onHandBase = expectedOnHand(b);
      return { lotCode: b.code, onHandBase, onHand: fromBase(onHandBase, b.unit) };
    });
    await bulkRepository.setOnHand(tx, rows);
  }
  const declaration = options.declaration ?? { declarationTime: new Date().toISOString(), reason: 'incorrect_data', 'lotgraph:reason': reason };
  return correctionRepository.recordCorrection(
    tx,
    { id: correction.id, kind: input.kind, recordId: id, reason, byKeyId: by.keyId, by: by.name, lotCodes: [...target.madeCodes, ...drawnFrom], replacedBy: options.replacedBy ?? null },
    JSON.stringify(declaration),
  );
}

export const voidRecord = (db: Db, input: VoidInput, by: Voider) => db.write((tx) => voidIn(tx, input, by));

/** Voids the receipt of input.lotCode and records the corrected receipt under that code, in one transaction. */
export function correctReceipt(db: Db, reason: string, input: ReceiveLotInput, by: Voider) {
  const lot = normalizeReceipt(input);
  return db.write(async (tx) => {
    await voidIn(tx, { kind: 'RECEIPT', id: lot.code, reason }, by, { replacedBy: lot.code });
    return recordReceipt(tx, lot);
  });
}

export function correctProduction(db: Db, reason: string, input: ProductionInput, by: Voider) {
  const production = normalizeProduction(input);
  return db.write(async (tx) => {
    await voidIn(tx, { kind: 'PRODUCTION', id: production.batch.code, reason }, by, { replacedBy: production.batch.code });
    return recordBatchIn(tx, production);
  });
}

export function correctShipment(db: Db, reason: string, input: ShipmentInput, by: Voider) {
  const shipment = normalizeShipment(input);
  return db.write(async (tx) => {
    await voidIn(tx, { kind: 'SHIPMENT', id: shipment.shipment.id, reason }, by, { replacedBy: shipment.shipment.id });
    return recordShipmentIn(tx, shipment);
  });
}

/**
 * What voiding records would do, read before a capture or an import writes anything: the records
 * still current (one voided since is left as it is), and for each record that later records depend
 * on, the refusal. `afterVoids` then shows the plan the database as it will be after the voids.
 */
export async function planVoids(db: Runner, targets: { kind: CorrectedRecordKind; id: string }[]) {
  if (targets.length === 0) return { previews: [], refused: [] };
  const previews = await correctionRepository.voidPreview(db, targets);
  const refused = previews.filter((p) => p.dependents.length > 0).map((p) => ({ kind: p.kind, id: p.id, message: new HasDependents(p.kind, p.id, p.dependents).message }));
  return { previews: previews.filter((p) => p.found), refused };
}

/** The codes the database holds as they will be after the voids: their records' codes free, their stock given back. */
export function afterVoids(existing: Map<string, bulkRepository.ExistingCode>, voids: readonly correctionRepository.VoidPreview[]) {
  for (const v of voids) {
    if (v.kind === 'PRODUCTION') existing.delete(`batch:${v.id}`);
    if (v.kind === 'SHIPMENT') existing.delete(`shipment:${v.id}`);
    for (const code of v.madeCodes) existing.delete(`lot:${code}`);
    for (const credit of v.credits) {
      const lot = existing.get(`lot:${credit.lotCode}`);
      if (lot?.onHandBase !== null && lot?.onHandBase !== undefined) existing.set(`lot:${credit.lotCode}`, { ...lot, onHandBase: lot.onHandBase + BigInt(credit.base) });
    }
  }
  return existing;
}
