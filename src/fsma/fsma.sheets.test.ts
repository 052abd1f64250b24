import { describe, expect, it } from 'vitest';
import { missingKdes, SHEETS } from './fsma.sheets.js';

const place = { businessName: 'Plant', phone: '1', street: 'S', city: 'C', state: null, postalCode: 'P', country: 'US' };

describe('FSMA sheets', () => {
  it('spread a shipping record over one column each, with quantities as numbers and ISO instants', () => {
    const sheet = SHEETS.SHIPPING;
    const row = sheet.toRow({
      tlc: 'T1', lotCode: 'L1', quantity: 10, unit: 'each', product: { name: 'Quiche', brand: 'B' }, recipient: place, shippedFrom: place,
      atMs: 1_772_524_800_000n, tlcSource: place, tlcSourceReference: null, referenceDocumentType: 'INV', referenceDocument: 'INV-9', shipmentId: 'S1',
    });
    expect(row).toHaveLength(sheet.columns.length);
    const at = (c: string) => row[sheet.columns.indexOf(c)];
    expect(at('Quantity')).toBe(10);
    expect(at('Product: brand')).toBe('B');
    expect(at('Product: variety')).toBeNull();
    expect(at('Date shipped')).toBe('2026-03-03T08:00:00.000Z');
    expect(missingKdes(sheet, row)).toEqual([]);
  });

  it('name each missing KDE, and accept either a TLC source location or a reference', () => {
    const sheet = SHEETS.RECEIVING;
    const base = { tlc: 'T', lotCode: 'L', quantity: 1, unit: 'kg', product: { name: 'Eggs' }, previousSource: place, receivedAt: place, atMs: 0, referenceDocumentType: 'BOL', referenceDocument: 'B1' };
    expect(missingKdes(sheet, sheet.toRow({ ...base, tlcSourceReference: 'FFR 123' }))).toEqual([]);
    expect(missingKdes(sheet, sheet.toRow({ ...base, referenceDocumentType: null }))).toEqual([
      'TLC source: business name or TLC source reference',
      'Reference document type',
    ]);
  });

  it('name the supplier as the previous source when it has no location description', () => {
    const sheet = SHEETS.RECEIVING;
    const row = sheet.toRow({ tlc: 'T', supplierName: 'Mill', previousSource: null });
    expect(row[sheet.columns.indexOf('Immediate previous source: business name')]).toBe('Mill');
    expect(missingKdes(sheet, row)).toContain('Immediate previous source: phone');
  });
});
