import { describe, expect, it } from 'vitest';
import { fingerprint, optionalText, requireNonEmptyList, requireQuantity, requireText } from './validation.js';

describe('validation', () => {
  it('fingerprints the same content the same, whatever the key order, and other content otherwise', () => {
    expect(fingerprint('k', { a: 1, b: { c: 2, d: 3n } })).toBe(fingerprint('k', { b: { d: 3n, c: 2 }, a: 1 }));
    expect(fingerprint('k', { a: 1 })).not.toBe(fingerprint('k', { a: 2 }));
    expect(fingerprint('k', { a: 1 })).not.toBe(fingerprint('other', { a: 1 }));
    expect(fingerprint('k', { a: 1, b: null })).toBe(fingerprint('k', { a: 1 }));
  });

  it('requires text, a non-empty list and a quantity, naming the field', () => {
    expect(() => requireText('', 'lotCode')).toThrow('lotCode must not be empty.');
    expect(() => requireNonEmptyList([], 'inputs')).toThrow('inputs must list at least one entry.');
    expect(() => requireQuantity({ amount: 1, unit: 'cup' }, 'quantity')).toThrow(/^quantity: Unknown unit/);
    expect(requireQuantity({ amount: 2, unit: 'g' }, 'q')).toEqual({ amount: 2, unit: 'g', base: 2_000_000_000n });
    expect(optionalText('  ', 'referenceDocument')).toBeNull();
  });
});
