import type { Db } from '../db/driver.js';
import { writeOnce } from '../db/write.js';
import { inTurn } from '../lot/turns.js';
import { alreadyExists, badInput, insufficientQuantity, notFound, unitMismatch } from '../errors.js';
import { lockLots } from '../lot/lot.repository.js';
import { convertible, formatQuantity, fromBase } from '../units.js';
import { fingerprint, requireInstant, requireQuantity, requireText } from '../validation.js';
import type { AdjustmentMapper } from './inventory.mappers.js';
import * as inventoryRepository from './inventory.repository.js';

export interface AdjustmentInput {
  adjustmentId: string;
  lotCode: string;
  kind: AdjustmentMapper['kind'];
  direction?: AdjustmentMapper['direction'] | null;
  quantity: { amount: number; unit: string };
  reason: string;
  by: string;
  at: string;
}

/**
 * Records an adjustment (waste, sample, damage, count correction) and corrects the lot's on
 * hand in one transaction, under the lot's lock. Only a count correction may increase stock.
 */
export async function recordAdjustment(db: Db, input: AdjustmentInput): Promise<AdjustmentMapper> {
  const direction = input.direction ?? 'DECREASE';
  if (direction === 'INCREASE' && input.kind !== 'COUNT_CORRECTION') {
    throw badInput(`Only a COUNT_CORRECTION can increase a lot's stock; a ${input.kind} decreases it.`, 'direction');
  }
  const quantity = requireQuantity(input.quantity, 'quantity');
  const adjustment = {
    id: requireText(input.adjustmentId, 'adjustmentId'),
    lotCode: requireText(input.lotCode, 'lotCode'),
    kind: input.kind,
    direction,
    amount: quantity.amount,
    unit: quantity.unit,
    base: quantity.base,
    reason: requireText(input.reason, 'reason'),
    by: requireText(input.by, 'by'),
    at: requireInstant(input.at, 'at'),
  };
  const inputHash = fingerprint('recordAdjustment', adjustment);

  return inTurn([adjustment.lotCode], () =>
    writeOnce(db, 'adjustment', adjustment.id, async (tx) => {
      const state = await inventoryRepository.adjustmentForRecording(tx, adjustment.id);
      if (state.idTaken) {
        if (state.existingHash !== inputHash) throw alreadyExists('adjustment', adjustment.id);
        return (await inventoryRepository.adjustmentsByIds(tx, [adjustment.id]))[0].adjustment;
      }
      const [lot] = await lockLots(tx, [adjustment.lotCode]);
      if (!lot) throw notFound('lot', adjustment.lotCode);
      if (!convertible(adjustment.unit, lot.unit)) throw unitMismatch(lot.code, adjustment.unit, lot.unit);
      const onHandBase = direction === 'INCREASE' ? lot.onHandBase + adjustment.base : lot.onHandBase - adjustment.base;
      if (onHandBase < 0n) {
        throw insufficientQuantity(lot.code, formatQuantity(lot.onHandBase, lot.unit), formatQuantity(adjustment.base, lot.unit));
      }
      return inventoryRepository.createAdjustment(tx, { ...adjustment, inputHash }, { onHandBase, onHand: fromBase(onHandBase, lot.unit) });
    }),
  );
}
