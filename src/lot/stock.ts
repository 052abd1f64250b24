import { insufficientQuantity, lotNotAvailable, notFound, unitMismatch } from '../errors.js';
import { convertible, formatQuantity, fromBase, UNIT_TABLE } from '../units.js';
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

/**
 * What a statement that locks and debits lots in one go needs: one entry per lot, in code order
 * (the lock order that keeps two writers from deadlocking), with the total to take out in base
 * units and every unit it was asked in; and the unit table to check and convert them with.
 */
export function withdrawalPlan(withdrawals: readonly Withdrawal[]) {
  const byLot = new Map<string, { lotCode: string; total: bigint; units: string[] }>();
  for (const w of withdrawals) {
    const entry = byLot.get(w.lotCode) ?? { lotCode: w.lotCode, total: 0n, units: [] };
    entry.total += w.base;
    if (!entry.units.includes(w.unit)) entry.units.push(w.unit);
    byLot.set(w.lotCode, entry);
  }
  const sorted = [...byLot.values()].sort((a, b) => (a.lotCode < b.lotCode ? -1 : a.lotCode > b.lotCode ? 1 : 0));
  return { withdrawals: sorted, ...UNIT_TABLE };
}

/**
 * The checks of `debit`, run on what a one-statement write read under its locks: throws the
 * first broken rule (the write is then rolled back with its transaction), and otherwise insists
 * that the statement wrote exactly the on-hand quantities `debit` computes.
 */
export function confirmDebits(locked: readonly LockedLot[], withdrawals: readonly Withdrawal[], written: readonly Debit[] | null): Debit[] {
  const debits = debit(locked, withdrawals);
  const key = (d: Debit) => `${d.lotCode} ${d.onHandBase} ${d.onHand}`;
  const expected = debits.map(key).sort();
  const actual = (written ?? []).map(key).sort();
  if (expected.join('\n') !== actual.join('\n')) {
    throw new Error(`The write statement's debits ${JSON.stringify(actual)} differ from the checked ones ${JSON.stringify(expected)}; rolled back.`);
  }
  return debits;
}
