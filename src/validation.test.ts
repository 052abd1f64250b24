import { describe, expect, it } from 'vitest';
import { checkTextFields, fingerprint, optionalText, requireNonEmptyList, requireQuantity, requireText } from './validation.js';

describe('validation', () => {
  it('fingerprints the same content the same, whatever the key order, and other content otherwise', () => {
    expect(fingerprint('k', { a: 1, b: { c: 2, d: 3n } })).toBe(fingerprint('k', { b: { d: 3n, c: 2 }, a: 1 }));
    expect(fingerprint('k', { a: 1 })).not.toBe(fingerprint('k', { a: 2 }));
    expect(fingerprint('k', { a: 1 })).not.toBe(fingerprint('other', { a: 1 }));
    expect(fingerprint('k', { a: 1, b: null })).toBe(fingerprint('k', { a: 1 }));
  });

  it('fingerprints as every recorded fingerprint was made (they are stored: a repeat must find them)', () => {
    const receipt = {
      code: 'L1', productSku: 'ING-1', supplierId: 'SUP', amount: 1.5, unit: 'kg', base: 1500000000000n, receivedAt: '2026-03-01T08:30:00.000Z',
      referenceDocument: null, countCode: undefined, nested: [{ z: 1, a: [2n, { y: null, b: 'x' }] }],
    };
    expect(fingerprint('receiveLot', receipt)).toBe('a6db7039b6cf56185ba2163f751dce9b84f9c822d5575abc5d6c7cd712486c81');
    const batch = { batch: { code: 'B', producedAt: 'T' }, inputs: [{ line: 0, lotCode: 'A', amount: 1, unit: 'kg', base: 1n }], outputs: [] };
    expect(fingerprint('recordProduction', batch)).toBe('7093d8fdf72c07846c9dbb70acc26b2c2843cb0b108c97b00e55b531b027f1d0');
  });

  it('requires text, a non-empty list and a quantity, naming the field', () => {
    expect(() => requireText('', 'lotCode')).toThrow('lotCode must not be empty.');
    expect(() => requireNonEmptyList([], 'inputs')).toThrow('inputs must list at least one entry.');
    expect(() => requireQuantity({ amount: 1, unit: 'cup' }, 'quantity')).toThrow(/^quantity: Unknown unit/);
    expect(requireQuantity({ amount: 2, unit: 'g' }, 'q')).toEqual({ amount: 2, unit: 'g', base: 2_000_000_000n });
    expect(optionalText('  ', 'referenceDocument')).toBeNull();
  });

  it('checks every string of an input by its field name: codes short and printable, text capped and without control characters', () => {
    expect(() => checkTextFields({ lotCode: 'FLOUR-1', reason: 'Line 1\nLine 2', inputs: [{ lotCode: 'A' }], lotCodes: ['B'] })).not.toThrow();
    expect(() => checkTextFields({ inputs: [{ lotCode: 'x'.repeat(201) }] })).toThrow(/inputs\[0\]\.lotCode is 201 characters long/);
    expect(() => checkTextFields({ lotCodes: ['A', 'B\tC'] })).toThrow(/lotCodes\[1\] holds the character U\+0009/);
    expect(() => checkTextFields({ reason: 'x'.repeat(201) })).not.toThrow();
    expect(() => checkTextFields({ reason: 'x'.repeat(2001) })).toThrow(/reason is 2001 characters long; text may have at most 2000/);
    expect(() => checkTextFields({ note: 'a\u202eb' })).toThrow(/U\+202E/);
  });
});
