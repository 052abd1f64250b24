import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from './table.js';

describe('readTable (XLSX, streamed)', () => {
  it('gives merged cells their top-left value, across and down, with dates, formulas, rich text and blank rows as a spreadsheet holds them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Batches');
    workbook.addWorksheet('Notes').addRow(['not read']);
    sheet.addRow(['Batch sheet']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(['Batch', 'Date', 'Lot', 'Quantity', null]);
    sheet.mergeCells('D2:E2');
    const day = new Date(Date.UTC(2026, 2, 3, 8, 0));
    sheet.addRow(['B-1', day, 'FLOUR', 100, 'kg']);
    sheet.addRow([null, null, 'BUTTER', { formula: '10*2', result: 20 }, 'kg']);
    sheet.addRow([null, null, { richText: [{ text: 'COO' }, { font: { bold: true }, text: 'KIE' }] }, 400, 'cs']);
    // The batch code and its date are merged down the batch's rows, as batch sheets draw them.
    sheet.mergeCells('A3:A5');
    sheet.mergeCells('B3:B5');
    sheet.addRow([]);
    sheet.addRow(['B-2', day, 'SUGAR', 5, 'kg']);
    const rows = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(rows).toEqual([
      { row: 1, cells: ['Batch sheet', 'Batch sheet', 'Batch sheet', 'Batch sheet'] },
      { row: 2, cells: ['Batch', 'Date', 'Lot', 'Quantity', 'Quantity'] },
      { row: 3, cells: ['B-1', day, 'FLOUR', 100, 'kg'] },
      { row: 4, cells: ['B-1', day, 'BUTTER', 20, 'kg'] },
      { row: 5, cells: ['B-1', day, 'COOKIE', 400, 'cs'] },
      { row: 7, cells: ['B-2', day, 'SUGAR', 5, 'kg'] },
    ]);
  });
});
