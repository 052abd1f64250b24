import { describe, expect, it } from 'vitest';
import { toBase } from '../units.js';
import { debit } from './stock.js';

const lot = (code: string, amount: number, unit: string, status: 'AVAILABLE' | 'ON_HOLD' | 'RECALLED' = 'AVAILABLE') => ({
  code, unit, status, onHandBase: toBase(amount, unit),
});
const take = (lotCode: string, amount: number, unit: string) => ({ lotCode, unit, base: toBase(amount, unit) });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
  return 'no error';
};

describe('debit', () => {
  it('takes withdrawals off hand in any unit of the lot\'s dimension, summing repeats', () => {
    expect(debit([lot('F', 10, 'kg')], [take('F', 500, 'g'), take('F', 1, 'kg')])).toEqual([
      { lotCode: 'F', onHandBase: toBase(8.5, 'kg'), onHand: 8.5 },
    ]);
  });

  it('refuses in the documented order of codes', () => {
    expect(codeOf(() => debit([lot('F', 10, 'kg')], [take('G', 1, 'kg')]))).toBe('NOT_FOUND');
    expect(codeOf(() => debit([lot('F', 10, 'kg', 'ON_HOLD')], [take('F', 99, 'l')]))).toBe('LOT_NOT_AVAILABLE');
    expect(codeOf(() => debit([lot('F', 10, 'kg', 'RECALLED')], [take('F', 1, 'kg')]))).toBe('LOT_NOT_AVAILABLE');
    expect(codeOf(() => debit([lot('F', 10, 'kg')], [take('F', 99, 'l')]))).toBe('UNIT_MISMATCH');
    expect(codeOf(() => debit([lot('F', 10, 'kg')], [take('F', 6, 'kg'), take('F', 4001, 'g')]))).toBe('INSUFFICIENT_QUANTITY');
  });

  it('allows taking exactly what is on hand', () => {
    expect(debit([lot('B', 1, 'lb')], [take('B', 16, 'oz')])[0].onHandBase).toBe(0n);
  });
});
