/**
 * Blank spreadsheets to fill in: the columns of a kind with a note on each header saying what it
 * holds, an example row, and (in XLSX) drop-down lists for units and input/output. A filled-in
 * template imports without a mapping: its headers are the fields' own names.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { UNIT_NAMES } from '../units.js';
import { FIELDS, type Kind } from './columns.js';

const EXAMPLES: Record<Kind, Record<string, string | number | Date>[]> = {
  receipts: [
    {
      lotCode: 'FLOUR-0309', productSku: 'ING-FLOUR-AP', productName: 'All-purpose wheat flour', supplier: 'SUP-MILL', supplierLotCode: 'NM-26-0601',
      quantity: 1000, unit: 'kg', receivedAt: new Date(Date.UTC(2026, 2, 9, 7, 15)), referenceDocument: 'BOL-88305', referenceDocumentType: 'BOL',
    },
  ],
  production: [
    { batchCode: 'B-DOUGH-0309', producedAt: new Date(Date.UTC(2026, 2, 9, 9)), line: 'input', lotCode: 'FLOUR-0309', quantity: 120, unit: 'kg' },
    { batchCode: 'B-DOUGH-0309', producedAt: new Date(Date.UTC(2026, 2, 9, 9)), line: 'output', lotCode: 'DOUGH-0309', productSku: 'INT-COOKIE-DOUGH', productName: 'Cookie dough', quantity: 200, unit: 'kg' },
  ],
  suppliers: [{ id: 'SUP-MILL', name: 'Northfield Mills', location: 'Salina, KS, US', locationId: 'LOC-MILL' }],
  customers: [{ id: 'CUST-CITYMART', name: 'CityMart Supermarkets', location: 'Portland, OR, US', locationId: 'LOC-CITYMART' }],
  locations: [{ id: 'LOC-MILL', businessName: 'Northfield Mills', phone: '+1 785 555 0142', street: '401 Elevator St', city: 'Salina', state: 'KS', postalCode: '67401', country: 'US', gln: '0614141000012', own: 'no' }],
  products: [{ sku: 'ING-FLOUR-AP', name: 'All-purpose wheat flour', brand: 'Northfield', commodity: 'Wheat flour', packSize: '50 lb', packStyle: 'bag', onFoodTraceabilityList: 'no' }],
  shipments: [
    { shipmentId: 'SHP-0310-01', customer: 'CUST-CITYMART', shippedAt: new Date(Date.UTC(2026, 2, 10, 10)), lotCode: 'COOKIE-0309-A', quantity: 40, unit: 'each', referenceDocument: 'INV-1042' },
  ],
};

export async function xlsxTemplate(kind: Kind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind);
  const fields = FIELDS[kind];
  sheet.columns = fields.map((f) => ({ header: f.name, key: f.name, width: Math.max(14, f.name.length + 4) }));
  fields.forEach((f, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.note = `${f.required ? 'Required' : 'Optional'}: ${f.help}.`;
    cell.font = { bold: true };
  });
  for (const example of EXAMPLES[kind]) sheet.addRow(example);
  const column = (name: string) => fields.findIndex((f) => f.name === name) + 1;
  for (let row = 2; row <= 1000; row += 1) {
    for (const yes of ['own', 'onFoodTraceabilityList']) if (column(yes) > 0) sheet.getCell(row, column(yes)).dataValidation = { type: 'list', allowBlank: true, formulae: ['"yes,no"'] };
    if (column('unit') === 0) continue;
    sheet.getCell(row, column('unit')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${UNIT_NAMES.join(',')}"`] };
    if (kind === 'production') sheet.getCell(row, column('line')).dataValidation = { type: 'list', allowBlank: false, formulae: ['"input,output"'] };
    for (const f of fields.filter((x) => /At$/.test(x.name))) sheet.getCell(row, column(f.name)).numFmt = 'yyyy-mm-dd hh:mm';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function csvTemplate(kind: Kind): string {
  const fields = FIELDS[kind].map((f) => f.name);
  const rows = EXAMPLES[kind].map((e) => fields.map((f) => (e[f] instanceof Date ? (e[f] as Date).toISOString() : (e[f] ?? ''))));
  return stringify([fields, ...rows]);
}
