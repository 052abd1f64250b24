import { describe, expect, it } from 'vitest';
import { dateTime, number, unit } from './cells.js';
import { findColumns, normalizeHeader } from './columns.js';

describe('spreadsheet cells', () => {
  it('read dates as ISO (UTC), US and day-first ones only with a declared format, Excel serials too', () => {
    expect(dateTime('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(dateTime('2026-03-01T07:10:00+02:00')).toBe('2026-03-01T05:10:00.000Z');
    expect(dateTime('3/1/2026', { dateFormat: 'mdy' })).toBe('2026-03-01T00:00:00.000Z');
    expect(dateTime('3/1/2026', { dateFormat: 'dmy' })).toBe('2026-01-03T00:00:00.000Z');
    expect(dateTime('3/1/26 2:30 PM', { dateFormat: 'mdy' })).toBe('2026-03-01T14:30:00.000Z');
    expect(dateTime('12/1/2026 12:05 am', { dateFormat: 'mdy' })).toBe('2026-12-01T00:05:00.000Z');
    expect(dateTime(46082)).toBe('2026-03-01T00:00:00.000Z');
    expect(dateTime(46082.5)).toBe('2026-03-01T12:00:00.000Z');
    expect(dateTime(new Date('2026-03-01T07:00:00Z'))).toBe('2026-03-01T07:00:00.000Z');
    expect(() => dateTime('3/1/2026')).toThrow(/declare the file's date format/);
    expect(() => dateTime('2/30/2026', { dateFormat: 'mdy' })).toThrow(/not a date/);
    expect(() => dateTime('13/13/2026', { dateFormat: 'dmy' })).toThrow(/not a date/);
    expect(() => dateTime('next tuesday')).toThrow(/not a date/);
  });

  it('read numbers with thousands separators, and decimal commas only where declared', () => {
    expect(number('1,250.5')).toBe(1250.5);
    expect(number(' 12 ')).toBe(12);
    expect(number(7.25)).toBe(7.25);
    expect(number('1.250,5', { decimalComma: true })).toBe(1250.5);
    expect(number('12,5', { decimalComma: true })).toBe(12.5);
    expect(() => number('12,5')).toThrow(/declare it/);
    expect(() => number('12kg')).toThrow(/not a number/);
    expect(() => number('1,25,0')).toThrow(/not a number/);
  });

  it("read units in lotgraph's and common spellings", () => {
    expect(['KG', 'kgs', 'Kilograms', 'lbs', 'LB.', '#', 'oz', 'L', 'ltr', 'mL', 'cs', 'EA', 'pcs', 'g'].map(unit)).toEqual([
      'kg', 'kg', 'kg', 'lb', 'lb', 'lb', 'oz', 'l', 'l', 'ml', 'each', 'each', 'each', 'g',
    ]);
    expect(() => unit('bushel')).toThrow(/not a unit lotgraph knows/);
  });
});

describe('spreadsheet columns', () => {
  it('find the header row under a title, match synonyms with case and punctuation ignored, and report the rest', () => {
    const rows = [
      { row: 1, cells: ['Receiving log, March 2026', null] },
      { row: 2, cells: [] },
      { row: 3, cells: ['Date Received', 'LOT #', 'Item Code', 'Description', 'Vendor', 'Vendor Lot', 'Qty', 'UOM', 'Inspector'] },
    ];
    const columns = findColumns('receipts', rows)!;
    expect(columns.headerRow).toBe(3);
    expect(Object.fromEntries(columns.byField)).toEqual({ receivedAt: 0, lotCode: 1, productSku: 2, productName: 3, supplier: 4, supplierLotCode: 5, quantity: 6, unit: 7 });
    expect(columns.unknown).toEqual(['Inspector']);
    expect(columns.missing).toEqual([]);
    expect(normalizeHeader('Lot Number')).toBe(normalizeHeader('lot #'));
  });

  it('take a mapping over the synonyms, and refuse one that names no field', () => {
    const rows = [{ row: 1, cells: ['Eingang', 'Charge', 'Artikel', 'Bezeichnung', 'Lieferant', 'Lieferantencharge', 'Menge', 'Einheit'] }];
    const mapping = { Eingang: 'receivedAt', Charge: 'lotCode', Artikel: 'productSku', Bezeichnung: 'productName', Lieferant: 'supplier', Lieferantencharge: 'supplierLotCode', Menge: 'quantity', Einheit: 'unit' };
    expect(findColumns('receipts', rows, mapping)!.missing).toEqual([]);
    expect(findColumns('receipts', rows)).toBeNull();
    expect(() => findColumns('receipts', rows, { Charge: 'lot' })).toThrow(/not a receipts field/);
  });
});
