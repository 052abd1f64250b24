import { describe, expect, it } from 'vitest';
import { dictionary, missingKdes, SHEETS } from './fsma.sheets.js';

const place = { businessName: 'Plant', phone: '1', street: 'S', city: 'C', state: null, postalCode: 'P', country: 'US' };
const d = dictionary(
  [{ id: 'PLANT', ...place }, { id: 'SHOP', ...place, businessName: 'Shop' }],
  [{ sku: 'QUICHE', name: 'Quiche', brand: 'B', onFoodTraceabilityList: true }, { sku: 'FLOUR', name: 'Flour' }],
);

describe('FSMA sheets', () => {
  it('spread a shipping record over one column each, with quantities as numbers and ISO instants', () => {
    const sheet = SHEETS.SHIPPING;
    const row = sheet.toRow({
      tlc: 'T1', lotCode: 'L1', quantity: 10, unit: 'each', sku: 'QUICHE', productName: 'Quiche (as recorded)', recipientId: 'SHOP',
      shippedFromId: 'PLANT', atMs: 1_772_524_800_000n, tlcSourceId: 'PLANT', tlcSourceReference: null, referenceDocumentType: 'INV',
      referenceDocument: 'INV-9', shipmentId: 'S1',
    }, d);
    expect(row).toHaveLength(sheet.columns.length);
    const at = (c: string) => row[sheet.columns.indexOf(c)];
    expect(at('Quantity')).toBe(10);
    expect(at('Product: name')).toBe('Quiche');
    expect(at('Product: brand')).toBe('B');
    expect(at('Product: variety')).toBeNull();
    expect(at('Immediate subsequent recipient: business name')).toBe('Shop');
    expect(at('Shipped from: business name')).toBe('Plant');
    expect(at('Date shipped')).toBe('2026-03-03T08:00:00.000Z');
    expect(missingKdes(sheet, row)).toEqual([]);
    expect(d.ftlSkus).toEqual(['QUICHE']);
  });

  it('name each missing KDE, and accept either a TLC source location or a reference', () => {
    const sheet = SHEETS.RECEIVING;
    const base = { tlc: 'T', lotCode: 'L', quantity: 1, unit: 'kg', sku: 'FLOUR', previousSourceId: 'PLANT', receivedAtId: 'PLANT', atMs: 0, referenceDocumentType: 'BOL', referenceDocument: 'B1' };
    expect(missingKdes(sheet, sheet.toRow({ ...base, tlcSourceReference: 'FFR 123' }, d))).toEqual([]);
    expect(missingKdes(sheet, sheet.toRow({ ...base, tlcSourceId: 'NO-SUCH-PLACE', referenceDocumentType: null }, d))).toEqual([
      'TLC source: business name or TLC source reference',
      'Reference document type',
    ]);
  });

  it('fall back to the supplier\'s name and the product name the lot was recorded with when no description exists', () => {
    const sheet = SHEETS.RECEIVING;
    const row = sheet.toRow({ tlc: 'T', supplierName: 'Mill', previousSourceId: null, sku: 'UNDESCRIBED', productName: 'Rye' }, d);
    expect(row[sheet.columns.indexOf('Immediate previous source: business name')]).toBe('Mill');
    expect(row[sheet.columns.indexOf('Product: name')]).toBe('Rye');
    expect(row[sheet.columns.indexOf('Product: brand')]).toBeNull();
    expect(missingKdes(sheet, row)).toContain('Immediate previous source: phone');
  });
});
