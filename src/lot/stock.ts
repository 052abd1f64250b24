import { insufficientQuantity, lotNotAvailable, notFound, unitMismatch } from '../errors.js';
import { convertible, formatQuantity, fromBase } from '../units.js';
import type { LotBalanceRecord } from './lot.mappers.js';
import type { LockedLot } from './lot.repository.js';

export interface Withdrawal {
  lotCode: string;
  unit: string;
  base: bigint;
}

export interface Debit {
  lotCode: string;
  onHandBase: bigint;
  onHand: number;
}

/**
 * Checks withdrawals (consumptions or shipment lines) against the locked lots and returns each
 * lot's new on-hand quantity. A lot listed more than once is checked against the sum. Errors, in
 * order: NOT_FOUND, LOT_NOT_AVAILABLE, UNIT_MISMATCH, INSUFFICIENT_QUANTITY.
 */
export function debit(locked: readonly LockedLot[], withdrawals: readonly Withdrawal[]): Debit[] {
  const lots = new Map(locked.map((l) => [l.code, l]));
  const totals = new Map<string, bigint>();
  for (const w of withdrawals) {
    const lot = lots.get(w.lotCode);
    if (!lot) throw notFound('lot', w.lotCode);
    if (lot.status !== 'AVAILABLE') throw lotNotAvailable(lot.code, lot.status);
    if (!convertible(w.unit, lot.unit)) throw unitMismatch(lot.code, w.unit, lot.unit);
    totals.set(w.lotCode, (totals.get(w.lotCode) ?? 0n) + w.base);
  }
  return [...totals].map(([code, total]) => {
    const lot = lots.get(code)!;
    if (total > lot.onHandBase) {
      throw insufficientQuantity(code, formatQuantity(lot.onHandBase, lot.unit), formatQuantity(total, lot.unit));
    }
    const onHandBase = lot.onHandBase - total;
    return { lotCode: code, onHandBase, onHand: fromBase(onHandBase, lot.unit) };
  });
}

/** What a lot should have on hand by its movements: received or produced, less everything taken out. */
export const expectedOnHand = (b: LotBalanceRecord) => b.receivedBase - b.consumedBase - b.shippedBase - b.adjustedOutBase;
