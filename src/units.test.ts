import { describe, expect, it } from 'vitest';
import { convertible, dimensionOf, formatQuantity, fromBase, toBase } from './units.js';

describe('units', () => {
  it('converts each unit to exact integer base units', () => {
    expect(toBase(1, 'kg')).toBe(1_000_000_000_000n);
    expect(toBase(1, 'g')).toBe(1_000_000_000n);
    expect(toBase(1, 'lb')).toBe(453_592_370_000n);
    expect(toBase(16, 'oz')).toBe(toBase(1, 'lb'));
    expect(toBase(1, 'l')).toBe(toBase(1000, 'ml'));
    expect(toBase(3, 'each')).toBe(3_000_000n);
  });

  it('keeps decimal amounts exact: 0.1 kg is 100 g, and 1000 kg less ten of them is 999 kg', () => {
    expect(toBase(0.1, 'kg')).toBe(toBase(100, 'g'));
    let left = toBase(1000, 'kg');
    for (let i = 0; i < 10; i += 1) left -= toBase(0.1, 'kg');
    expect(fromBase(left, 'kg')).toBe(999);
  });

  it('reads numbers printed with exponents', () => {
    expect(toBase(1e-7, 'kg')).toBe(100_000n);
    expect(toBase(2.5e3, 'g')).toBe(toBase(2.5, 'kg'));
  });

  it('refuses non-positive, non-finite, too precise and too large amounts', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => toBase(bad, 'kg')).toThrow(/positive/);
    expect(() => toBase(1e-13, 'kg')).toThrow(/precise/);
    expect(() => toBase(0.0000001, 'each')).toThrow(/precise/);
    expect(() => toBase(1e7, 'kg')).toThrow(/larger/);
  });

  it('refuses an unknown unit, naming the ones it knows', () => {
    expect(() => toBase(1, 'cup')).toThrow('Unknown unit "cup"; use one of g, kg, lb, oz, ml, l, each.');
    expect(() => toBase(1, 'toString')).toThrow(/Unknown unit/);
  });

  it('converts within mass and within volume, and nothing else', () => {
    expect(convertible('kg', 'lb')).toBe(true);
    expect(convertible('ml', 'l')).toBe(true);
    expect(convertible('kg', 'l')).toBe(false);
    expect(convertible('each', 'g')).toBe(false);
    expect(dimensionOf('oz')).toBe('mass');
  });

  it('shows base units in any unit of the dimension', () => {
    expect(fromBase(toBase(1, 'lb'), 'kg')).toBe(0.45359237);
    expect(fromBase(toBase(1, 'kg'), 'lb')).toBeCloseTo(2.2046226218, 9);
    expect(fromBase(toBase(250, 'ml'), 'l')).toBe(0.25);
    expect(formatQuantity(toBase(12.5, 'kg'), 'kg')).toBe('12.5 kg');
  });
});
