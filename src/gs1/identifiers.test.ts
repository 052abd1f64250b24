import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigit, Gs1Error, type Gs1Id, gtin14, parseGs1, toDigitalLink, toEpcUrn } from './identifiers.js';
import { fromRec20, toRec20 } from './units.js';

describe('GS1 check digits', () => {
  it('agree with published keys', () => {
    // GS1's own examples: the Digital Link standard's GTIN, the Tag Data Standard's SSCC and GLN, a retail EAN-13.
    for (const key of ['09506000134352', '80614141123458', '4006381333931', '106141412345678908', '0614141123452']) {
      expect(checkDigit(key.slice(0, -1)), key).toBe(key.at(-1));
    }
  });

  it('catch every single wrong digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), fc.nat(12), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const key = body + checkDigit(body);
        const wrong = key.slice(0, at) + String((Number(key[at]) + delta) % 10) + key.slice(at + 1);
        expect(() => gtin14(wrong)).toThrow(Gs1Error);
      }),
    );
  });

  it('take GTIN-8, -12 and -13 as the GTIN-14 they are', () => {
    expect(gtin14('4006381333931')).toBe('04006381333931');
    expect(gtin14('96385074')).toBe('00000096385074');
    expect(() => gtin14('4006381333932')).toThrow('GTIN 4006381333932 has the check digit 2; its digits give 1.');
    expect(() => gtin14('12345')).toThrow('A GTIN is 8, 12, 13 or 14 digits; got "12345".');
  });
});

describe('GS1 identifiers in both forms', () => {
  it('read the standards\' own examples', () => {
    expect(parseGs1('https://id.gs1.org/01/09506000134352/10/ABC123')).toEqual({ id: { kind: 'lgtin', gtin: '09506000134352', lot: 'ABC123' }, prefixLength: null });
    expect(parseGs1('urn:epc:class:lgtin:4012345.012345.998877')).toEqual({ id: { kind: 'lgtin', gtin: `0401234512345${checkDigit('0401234512345')}`, lot: '998877' }, prefixLength: 7 });
    expect(parseGs1('urn:epc:id:sscc:0614141.1234567890')).toEqual({ id: { kind: 'sscc', sscc: '106141412345678908' }, prefixLength: 7 });
    expect(parseGs1('urn:epc:id:sgln:0614141.12345.400')).toEqual({ id: { kind: 'sgln', gln: '0614141123452', extension: '400' }, prefixLength: 7 });
    expect(parseGs1('urn:epc:id:sgln:0614141.12345.0')).toEqual({ id: { kind: 'sgln', gln: '0614141123452', extension: null }, prefixLength: 7 });
    expect(parseGs1('https://id.gs1.org/414/0614141123452/254/400')).toEqual({ id: { kind: 'sgln', gln: '0614141123452', extension: '400' }, prefixLength: null });
    expect(parseGs1('https://id.gs1.org/417/0614141123452')).toEqual({ id: { kind: 'pgln', gln: '0614141123452' }, prefixLength: null });
    expect(parseGs1('https://id.gs1.org/00/106141412345678908')).toEqual({ id: { kind: 'sscc', sscc: '106141412345678908' }, prefixLength: null });
    // A brand's own domain, a GTIN-13, a query string: still the same lot.
    expect(parseGs1('https://example.com/01/4006381333931/10/L%2F7?linkType=all')?.id).toEqual({ kind: 'lgtin', gtin: '04006381333931', lot: 'L/7' });
  });

  it('write them back', () => {
    const lot: Gs1Id = { kind: 'lgtin', gtin: '09506000134352', lot: 'A/B&C' };
    expect(toDigitalLink(lot)).toBe('https://id.gs1.org/01/09506000134352/10/A%2FB%26C');
    expect(toEpcUrn(lot, 7)).toBe('urn:epc:class:lgtin:9506000.013435.A%2FB%26C');
    expect(toEpcUrn({ kind: 'sscc', sscc: '106141412345678908' }, 7)).toBe('urn:epc:id:sscc:0614141.1234567890');
    expect(toEpcUrn({ kind: 'sgln', gln: '0614141123452', extension: null }, 7)).toBe('urn:epc:id:sgln:0614141.12345.0');
    expect(toEpcUrn({ kind: 'pgln', gln: '0614141123452' }, 7)).toBe('urn:epc:id:pgln:0614141.12345');
    expect(toDigitalLink({ kind: 'sgln', gln: '0614141123452', extension: '400' })).toBe('https://id.gs1.org/414/0614141123452/254/400');
  });

  it('round-trip every key through both forms, at every company prefix length', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const lot = fc.stringMatching(/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/);
    const id: fc.Arbitrary<Gs1Id> = fc.oneof(
      fc.tuple(digits(13), lot).map(([b, l]) => ({ kind: 'lgtin' as const, gtin: b + checkDigit(b), lot: l })),
      fc.tuple(digits(12), fc.option(fc.stringMatching(/^[1-9A-Za-z][0-9A-Za-z]{0,5}$/), { nil: null })).map(([b, e]) => ({ kind: 'sgln' as const, gln: b + checkDigit(b), extension: e })),
      digits(12).map((b) => ({ kind: 'pgln' as const, gln: b + checkDigit(b) })),
      digits(17).map((b) => ({ kind: 'sscc' as const, sscc: b + checkDigit(b) })),
    );
    fc.assert(
      fc.property(id, fc.integer({ min: 6, max: 12 }), (gs1, prefixLength) => {
        expect(parseGs1(toDigitalLink(gs1))).toEqual({ id: gs1, prefixLength: null });
        // An SGLN's or PGLN's company prefix leaves at least no reference digits; an LGTIN's at least one.
        expect(parseGs1(toEpcUrn(gs1, prefixLength))).toEqual({ id: gs1, prefixLength });
      }),
    );
  });

  it('keep a lot number that is only dots (a URL would drop it as a dot segment)', () => {
    // Found by the property above (seed 496720053): lot "." came back as no lot at all.
    for (const lot of ['.', '..', '...']) {
      const id: Gs1Id = { kind: 'lgtin', gtin: '00000000000000', lot };
      const link = toDigitalLink(id);
      expect(parseGs1(link)).toEqual({ id, prefixLength: null });
      // Escaped, so that tools that resolve dot segments keep it too (lotgraph reads the path as written).
      expect(link).toBe(`https://id.gs1.org/01/00000000000000/10/${'%2E'.repeat(lot.length)}`);
    }
    expect(parseGs1('https://id.gs1.org/01/09506000134352/10/%2E')).toEqual({ id: { kind: 'lgtin', gtin: '09506000134352', lot: '.' }, prefixLength: null });
    expect(parseGs1('https://id.gs1.org/414/0614141000036/254/%2E%2E')).toEqual({ id: { kind: 'sgln', gln: '0614141000036', extension: '..' }, prefixLength: null });
  });

  it('refuse broken ones with the reason, and leave other codes alone', () => {
    expect(() => parseGs1('https://id.gs1.org/01/09506000134353/10/ABC')).toThrow('check digit');
    expect(() => parseGs1('https://id.gs1.org/01/09506000134352/10/TOO-LONG-A-LOT-NUMBER-X')).toThrow('1 to 20');
    expect(() => parseGs1('https://id.gs1.org/01/09506000134352/10/caf%C3%A9')).toThrow('AI 10');
    expect(() => parseGs1('https://id.gs1.org/01/09506000134352')).toThrow('no lot');
    expect(() => parseGs1('urn:epc:class:lgtin:4012345.12345.998877')).toThrow('12 digits, not 13');
    expect(() => toEpcUrn({ kind: 'pgln', gln: '0614141123452' }, 13)).toThrow('6 to 12 digits');
    expect(() => parseGs1('https://id.gs1.org/01/09506000134352/10/%E0%A4%A')).toThrow(Gs1Error);
    expect(parseGs1('COOKIE-0302-A')).toBeNull();
    expect(parseGs1('urn:epc:id:sgtin:0614141.812345.6789')).toBeNull();
    expect(parseGs1('https://example.com/recalls/1')).toBeNull();
  });
});

describe('UN/CEFACT Rec. 20 units', () => {
  it('map masses and volumes to lotgraph\'s units and back', () => {
    for (const [code, unit] of [['KGM', 'kg'], ['GRM', 'g'], ['LBR', 'lb'], ['ONZ', 'oz'], ['LTR', 'l'], ['MLT', 'ml']]) {
      expect(fromRec20(code)).toEqual({ unit, countCode: null });
      expect(toRec20(unit)).toBe(code);
    }
  });

  it('keep the code a count came with', () => {
    expect(fromRec20('cs')).toEqual({ unit: 'each', countCode: 'CS' });
    expect(fromRec20('H87')).toEqual({ unit: 'each', countCode: 'H87' });
    expect(toRec20('each', 'CS')).toBe('CS');
    expect(toRec20('each')).toBe('EA');
    expect(() => fromRec20('MTR')).toThrow('not one lotgraph takes');
  });
});
