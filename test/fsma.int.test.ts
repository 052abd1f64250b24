import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SHEETS } from '../src/fsma/fsma.sheets.js';
import { bakery, loadDemo } from '../src/demo/bakery.js';
import { codeOf, newGtin13, startHttp, uid, withApi } from './helpers.js';
import { RECEIVE_LOT, RECORD_PRODUCTION, RECORD_SHIPMENT, UPSERT_CUSTOMER, UPSERT_SUPPLIER } from './fixtures/operations.js';

const { db, api } = withApi();

const LOCATION = `mutation($input: LocationInput!) { upsertLocation(input: $input) { id businessName own } }`;
const PRODUCT = `mutation($input: ProductInput!) { upsertProduct(input: $input) { sku onFoodTraceabilityList } }`;
const PAGE = `query($filter: FsmaFilterInput!, $cte: CriticalTrackingEvent!, $first: Int, $offset: Int) {
  fsmaRecords(filter: $filter, cte: $cte, first: $first, offset: $offset) { cte columns rows hasMore }
}`;
const EXPORT = `query($filter: FsmaFilterInput!) { fsmaExport(filter: $filter) { xlsx receivingCsv transformationCsv shippingCsv glossaryCsv } }`;
const GAPS = `query($filter: FsmaFilterInput!) { kdeGaps(filter: $filter) { cte recordId lotCode missing } }`;

const place = (id: string, businessName: string, own = false) => ({
  id, businessName, phone: '+1 555 0100', street: '1 Main St', city: 'Salem', state: 'OR', postalCode: '97301', country: 'US', own,
});

/** One of every Critical Tracking Event with every Key Data Element filled in. */
async function scenario(p: string) {
  const ok = async (query: string, input: unknown) => {
    const r = await api.gql(query, { input });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r;
  };
  await ok(LOCATION, place(`${p}PLANT`, 'Sunny Bakery Plant 1', true));
  await ok(LOCATION, place(`${p}FARM`, 'Sunrise Egg Farm'));
  await ok(LOCATION, place(`${p}STORE`, 'CityMart Store 12'));
  await ok(PRODUCT, { sku: `${p}EGGS`, name: 'Shell eggs', brand: 'Sunrise', commodity: 'Eggs', variety: 'Large brown', packSize: '30 dozen', packStyle: 'case', onFoodTraceabilityList: true });
  await ok(PRODUCT, { sku: `${p}QUICHE`, name: 'Egg quiche', brand: 'Sunny', commodity: 'Bakery', packSize: '200 g', packStyle: 'box' });
  await ok(UPSERT_SUPPLIER, { id: `${p}SUP`, name: 'Sunrise Egg Farm', locationId: `${p}FARM` });
  await ok(UPSERT_CUSTOMER, { id: `${p}CUST`, name: 'CityMart', locationId: `${p}STORE` });
  await ok(RECEIVE_LOT, {
    lotCode: `${p}EGGS-1`, productSku: `${p}EGGS`, productName: 'Shell eggs', supplierId: `${p}SUP`, supplierLotCode: `${p}SEF-0301`,
    quantity: { amount: 30, unit: 'each' }, receivedAt: '2026-03-01T07:00:00Z', referenceDocument: 'BOL-1', referenceDocumentType: 'BOL',
    receivedAtLocationId: `${p}PLANT`, tlcSourceLocationId: `${p}FARM`,
  });
  await ok(RECORD_PRODUCTION, {
    batchCode: `${p}B1`, producedAt: '2026-03-02T09:00:00Z', locationId: `${p}PLANT`, referenceDocumentType: 'BATCH', referenceDocument: 'BR-77',
    inputs: [{ lotCode: `${p}EGGS-1`, quantity: { amount: 12, unit: 'each' } }],
    outputs: [{ lotCode: `${p}QUICHE-1`, productSku: `${p}QUICHE`, productName: 'Egg quiche', quantity: { amount: 40, unit: 'each' } }],
  });
  await ok(RECORD_SHIPMENT, {
    shipmentId: `${p}S1`, customerId: `${p}CUST`, shippedAt: '2026-03-03T06:00:00Z', referenceDocument: 'INV-9', referenceDocumentType: 'INV',
    fromLocationId: `${p}PLANT`, lines: [{ lotCode: `${p}QUICHE-1`, quantity: { amount: 10, unit: 'each' } }],
  });
}

const range = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T23:59:59Z' };

/** A row as a map from column to value. */
const byColumn = (columns: string[], row: (string | null)[]) => Object.fromEntries(columns.map((c, i) => [c, row[i]]));

const EXPECTED = (p: string) => ({
  Receiving: {
    'Traceability lot code (TLC)': `${p}SEF-0301`, 'Our lot code': `${p}EGGS-1`, Quantity: '30', 'Unit of measure': 'each',
    'Product: name': 'Shell eggs', 'Product: brand': 'Sunrise', 'Product: commodity': 'Eggs', 'Product: variety': 'Large brown',
    'Product: pack size': '30 dozen', 'Product: pack style': 'case',
    'Immediate previous source: business name': 'Sunrise Egg Farm', 'Immediate previous source: phone': '+1 555 0100',
    'Immediate previous source: street': '1 Main St', 'Immediate previous source: city': 'Salem', 'Immediate previous source: state': 'OR',
    'Immediate previous source: postal code': '97301', 'Immediate previous source: country': 'US',
    'Receiving location: business name': 'Sunny Bakery Plant 1', 'Receiving location: phone': '+1 555 0100', 'Receiving location: street': '1 Main St',
    'Receiving location: city': 'Salem', 'Receiving location: state': 'OR', 'Receiving location: postal code': '97301', 'Receiving location: country': 'US',
    'Date received': '2026-03-01T07:00:00.000Z',
    'TLC source: business name': 'Sunrise Egg Farm', 'TLC source: phone': '+1 555 0100', 'TLC source: street': '1 Main St', 'TLC source: city': 'Salem',
    'TLC source: state': 'OR', 'TLC source: postal code': '97301', 'TLC source: country': 'US', 'TLC source reference': null,
    'Reference document type': 'BOL', 'Reference document number': 'BOL-1',
  },
  Transformation: {
    'Input TLC': `${p}SEF-0301`, 'Input product: name': 'Shell eggs', 'Input product: brand': 'Sunrise', 'Input product: commodity': 'Eggs',
    'Input product: variety': 'Large brown', 'Input product: pack size': '30 dozen', 'Input product: pack style': 'case',
    'Input quantity': '12', 'Input unit of measure': 'each', 'New TLC': `${p}QUICHE-1`,
    'Transformation location (TLC source): business name': 'Sunny Bakery Plant 1', 'Transformation location (TLC source): phone': '+1 555 0100',
    'Transformation location (TLC source): street': '1 Main St', 'Transformation location (TLC source): city': 'Salem',
    'Transformation location (TLC source): state': 'OR', 'Transformation location (TLC source): postal code': '97301',
    'Transformation location (TLC source): country': 'US', 'Date completed': '2026-03-02T09:00:00.000Z',
    'New product: name': 'Egg quiche', 'New product: brand': 'Sunny', 'New product: commodity': 'Bakery', 'New product: variety': null,
    'New product: pack size': '200 g', 'New product: pack style': 'box', 'New quantity': '40', 'New unit of measure': 'each',
    'Reference document type': 'BATCH', 'Reference document number': 'BR-77', Batch: `${p}B1`,
  },
  Shipping: {
    'Traceability lot code (TLC)': `${p}QUICHE-1`, 'Our lot code': `${p}QUICHE-1`, Quantity: '10', 'Unit of measure': 'each',
    'Product: name': 'Egg quiche', 'Product: brand': 'Sunny', 'Product: commodity': 'Bakery', 'Product: variety': null,
    'Product: pack size': '200 g', 'Product: pack style': 'box',
    'Immediate subsequent recipient: business name': 'CityMart Store 12', 'Immediate subsequent recipient: phone': '+1 555 0100',
    'Immediate subsequent recipient: street': '1 Main St', 'Immediate subsequent recipient: city': 'Salem', 'Immediate subsequent recipient: state': 'OR',
    'Immediate subsequent recipient: postal code': '97301', 'Immediate subsequent recipient: country': 'US',
    'Shipped from: business name': 'Sunny Bakery Plant 1', 'Shipped from: phone': '+1 555 0100', 'Shipped from: street': '1 Main St',
    'Shipped from: city': 'Salem', 'Shipped from: state': 'OR', 'Shipped from: postal code': '97301', 'Shipped from: country': 'US',
    'Date shipped': '2026-03-03T06:00:00.000Z',
    'TLC source: business name': 'Sunny Bakery Plant 1', 'TLC source: phone': '+1 555 0100', 'TLC source: street': '1 Main St',
    'TLC source: city': 'Salem', 'TLC source: state': 'OR', 'TLC source: postal code': '97301', 'TLC source: country': 'US',
    'TLC source reference': null, 'Reference document type': 'INV', 'Reference document number': 'INV-9', Shipment: `${p}S1`,
  },
});

describe('FSMA 204 records', () => {
  let p: string;
  beforeAll(async () => {
    p = uid('FSMA');
    await scenario(p);
  });

  it('give every Key Data Element of each event a column, in the sheet of its event', async () => {
    const expected = EXPECTED(p);
    for (const [cte, sheet] of [['RECEIVING', 'Receiving'], ['TRANSFORMATION', 'Transformation'], ['SHIPPING', 'Shipping']] as const) {
      const r = await api.gql(PAGE, { filter: { ...range, lotCodes: [`${p}SEF-0301`, `${p}QUICHE-1`] }, cte });
      expect(r.errors).toBeUndefined();
      const page = r.data.fsmaRecords;
      expect(page.columns).toEqual(Object.keys(expected[sheet]));
      expect(page.rows).toHaveLength(1);
      expect(byColumn(page.columns, page.rows[0])).toEqual(expected[sheet]);
    }
  });

  it('write the workbook the FDA asks for, and every KDE cell reads back', async () => {
    const http = await startHttp(db);
    const base = http.base;
    try {
      // As a browser would: the links from GraphQL, then the file, by the signed link alone.
      const links = (await http.gql(EXPORT, { filter: { ...range, traceOfLotCode: `${p}QUICHE-1` } })).body.data.fsmaExport;
      expect(links.xlsx).toMatch(/^\/fsma\/export\.xlsx\?.*&key=bootstrap-admin&expires=\d+&sig=/);
      const res = await fetch(base + links.xlsx);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Receiving', 'Transformation', 'Shipping', 'Glossary']);
      const expected = EXPECTED(p);
      for (const name of ['Receiving', 'Transformation', 'Shipping'] as const) {
        const ws = workbook.getWorksheet(name)!;
        const header = (ws.getRow(1).values as unknown[]).slice(1);
        expect(header).toEqual(Object.keys(expected[name]));
        expect(ws.rowCount).toBe(2);
        const cells = (ws.getRow(2).values as unknown[]).slice(1);
        const row = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? null]));
        // In the workbook quantities are numbers, so that they sort and sum as numbers.
        const numeric = Object.fromEntries(Object.entries(expected[name]).map(([k, v]) => [k, /quantity$|^Quantity$/i.test(k) ? Number(v) : v]));
        expect(row).toEqual(numeric);
      }
      expect(workbook.getWorksheet('Glossary')!.getRow(2).getCell(1).value).toBe('TLC');

      // Unsigned, the same file needs a key in the header.
      const unsigned = `/fsma/shipping.csv?from=${range.from}&to=${range.to}&lot=${encodeURIComponent(`${p}QUICHE-1`)}`;
      expect((await fetch(base + unsigned)).status).toBe(401);
      const csv = await (await http.fetch(unsigned)).text();
      const lines = csv.trim().split('\n');
      expect(lines[0]).toBe(SHEETS.SHIPPING.columns.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','));
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`${p}QUICHE-1,${p}QUICHE-1,10,each,Egg quiche`);

      expect((await http.fetch(`/fsma/export.xlsx?from=${range.to}&to=${range.from}`)).status).toBe(400);
      expect((await http.fetch(`/fsma/export.xlsx?from=${range.from}&to=${range.to}&product=NO-SUCH-SKU`)).status).toBe(404);
      // A link whose filter was changed after signing is refused.
      expect((await fetch(base + links.xlsx.replace('traceOf=', 'traceOf=X'))).status).toBe(401);
    } finally {
      await http.close();
    }
  });

  it('find no gap in complete records, and every gap planted in others', async () => {
    const complete = await api.gql(GAPS, { filter: { ...range, lotCodes: [`${p}SEF-0301`, `${p}QUICHE-1`] } });
    expect(complete.data.kdeGaps).toEqual([]);
    const q = uid('GAP');
    await api.gql(UPSERT_SUPPLIER, { input: { id: `${q}SUP`, name: 'No Address Farm' } });
    await api.gql(RECEIVE_LOT, {
      input: { lotCode: `${q}L1`, productSku: 'X', productName: 'Lettuce', supplierId: `${q}SUP`, supplierLotCode: `${q}T1`, quantity: { amount: 1, unit: 'kg' }, receivedAt: '2026-03-05T00:00:00Z', referenceDocument: 'BOL-2' },
    });
    const gaps = await api.gql(GAPS, { filter: { ...range, lotCodes: [`${q}T1`] } });
    expect(gaps.data.kdeGaps).toEqual([
      {
        cte: 'RECEIVING', recordId: `${q}L1`, lotCode: `${q}L1`,
        missing: [
          'Immediate previous source: phone', 'Immediate previous source: street', 'Immediate previous source: city',
          'Immediate previous source: postal code', 'Immediate previous source: country',
          'Receiving location: business name', 'Receiving location: phone', 'Receiving location: street', 'Receiving location: city',
          'Receiving location: postal code', 'Receiving location: country',
          'TLC source: business name or TLC source reference', 'Reference document type',
        ],
      },
    ]);
  });

  it('find no gap in the demo data: every receipt, batch and shipment carries its KDEs', async () => {
    const q = uid('DEMO');
    await loadDemo(db, q);
    const demo = bakery(q);
    const lotCodes = [...demo.receipts.map((r) => r.lotCode), ...demo.productions.flatMap((b) => b.outputs.map((o) => o.lotCode))];
    const filter = { from: '2026-02-01T00:00:00Z', to: '2026-04-01T00:00:00Z', lotCodes };
    expect((await api.gql(GAPS, { filter })).data.kdeGaps).toEqual([]);
    const counts = [];
    for (const cte of ['RECEIVING', 'TRANSFORMATION', 'SHIPPING']) counts.push((await api.gql(PAGE, { filter, cte, first: 100 })).data.fsmaRecords.rows.length);
    // 6 receipts; a row per input and output of each of the 6 batches (1 + 2 + 5 + 2x2 + 4 + 2); 4 shipments.
    expect(counts).toEqual([6, 18, 4]);
  });

  it('keep to FTL foods when asked, and to what a trace from a TLC reaches', async () => {
    const ftl = await api.gql(PAGE, { filter: { ...range, lotCodes: [`${p}SEF-0301`, `${p}QUICHE-1`], ftlOnly: true }, cte: 'SHIPPING' });
    expect(ftl.data.fsmaRecords.rows).toEqual([]);
    const traced = await api.gql(PAGE, { filter: { ...range, traceOfLotCode: `${p}EGGS-1` }, cte: 'SHIPPING' });
    expect(traced.data.fsmaRecords.rows.map((r: string[]) => r[1])).toEqual([`${p}QUICHE-1`]);
  });

  it('write the workbook and the CSV files with one command', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'fsma-'));
    const { uri, user, password } = inject('neo4j');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/fsma-export.ts', '--from', range.from, '--to', range.to, '--trace-of', `${p}EGGS-1`, '--out', out],
      { env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password }, timeout: 60_000 },
    );
    expect(stdout).toContain('Wrote 3 records');
    for (const f of ['fsma204.xlsx', 'receiving.csv', 'transformation.csv', 'shipping.csv', 'glossary.csv']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'fsma204.xlsx'));
    expect(workbook.worksheets.map((w) => [w.name, w.rowCount])).toEqual([['Receiving', 2], ['Transformation', 2], ['Shipping', 2], ['Glossary', 10]]);
    expect(readFileSync(path.join(out, 'receiving.csv'), 'utf8')).toContain(`${p}SEF-0301,${p}EGGS-1,30,each,Shell eggs`);
    // Each CSV file holds the same rows as its sheet (one read of the records feeds both).
    for (const ws of workbook.worksheets.slice(0, 3)) {
      const lines = readFileSync(path.join(out, `${ws.name.toLowerCase()}.csv`), 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(ws.rowCount);
      expect(lines[0]).toBe((ws.getRow(1).values as string[]).slice(1).join(','));
      expect(lines[1].split(',')[0]).toBe(String(ws.getRow(2).getCell(1).value));
    }
  });

  it('give links whose files hold what fsmaRecords pages through for the same filter', async () => {
    const http = await startHttp(db);
    const base = http.base;
    try {
      const filter = { ...range, lotCodes: [`${p}SEF-0301`, `${p}QUICHE-1`], productSkus: [`${p}QUICHE`, `${p}EGGS`] };
      const links = (await api.gql(EXPORT, { filter })).data.fsmaExport;
      for (const cte of ['RECEIVING', 'TRANSFORMATION', 'SHIPPING'] as const) {
        const rows = (await api.gql(PAGE, { filter, cte, first: 100 })).data.fsmaRecords.rows as (string | null)[][];
        const csv = await (await fetch(base + links[`${cte.toLowerCase()}Csv`])).text();
        const lines = csv.trimEnd().split('\n');
        expect(rows.length, cte).toBeGreaterThan(0);
        expect(lines.length - 1, cte).toBe(rows.length);
        expect(lines.slice(1).map((l) => l.split(',')[0]), cte).toEqual(rows.map((r) => r[0]));
      }
      expect((await fetch(base + links.glossaryCsv)).status).toBe(200);
      // A bad filter fails at the question, not at the download.
      expect(codeOf(await api.gql(EXPORT, { filter: { from: range.to, to: range.from } }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await api.gql(EXPORT, { filter: { ...range, productSkus: ['NO-SUCH-SKU'] } }))).toBe('NOT_FOUND');
    } finally {
      await http.close();
    }
  });

  it.each([
    ['a range that ends before it starts', { from: range.to, to: range.from }, 'BAD_USER_INPUT'],
    ['a date without an offset', { from: '2026-03-01', to: range.to }, 'BAD_USER_INPUT'],
    ['an unknown product', { ...range, productSkus: ['NO-SUCH-SKU'] }, 'NOT_FOUND'],
    ['a trace from an unknown lot', { ...range, traceOfLotCode: 'NO-SUCH-LOT' }, 'NOT_FOUND'],
  ])('refuse %s', async (_, filter, code) => {
    expect(codeOf(await api.gql(PAGE, { filter, cte: 'RECEIVING' }))).toBe(code);
  });

  it('refuse an unknown location on a receipt with NOT_FOUND', async () => {
    const q = uid('LOC');
    await api.gql(UPSERT_SUPPLIER, { input: { id: `${q}SUP`, name: 'Farm' } });
    const r = await api.gql(RECEIVE_LOT, {
      input: { lotCode: `${q}L`, productSku: 'X', productName: 'X', supplierId: `${q}SUP`, supplierLotCode: 'T', quantity: { amount: 1, unit: 'kg' }, receivedAt: '2026-03-05T00:00:00Z', receivedAtLocationId: `${q}NOWHERE` },
    });
    expect(codeOf(r)).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(UPSERT_SUPPLIER, { input: { id: `${q}SUP`, name: 'Farm', locationId: `${q}NOWHERE` } }))).toBe('NOT_FOUND');
  });
});

describe('GTINs on products', () => {
  const p = uid('GTIN');
  const WITH_GTIN = `mutation($input: ProductInput!) { upsertProduct(input: $input) { sku gtin } }`;

  it('keep a checked GTIN as its 14 digits, one product per GTIN, and refuse a wrong check digit with nothing written', async () => {
    const gtin = newGtin13();
    const made = await api.gql(WITH_GTIN, { input: { sku: `${p}A`, name: 'Flour', gtin } });
    expect(made.errors).toBeUndefined();
    expect(made.data.upsertProduct).toEqual({ sku: `${p}A`, gtin: `0${gtin}` });
    expect((await api.gql(`{ product(sku: "${p}A") { gtin } }`)).data.product.gtin).toBe(`0${gtin}`);

    const wrong = `${gtin.slice(0, -1)}${(Number(gtin.at(-1)) + 1) % 10}`;
    const refused = await api.gql(WITH_GTIN, { input: { sku: `${p}B`, name: 'Sugar', gtin: wrong } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toContain(`has the check digit ${wrong.at(-1)}; its digits give ${gtin.at(-1)}`);
    expect((await api.gql(`{ product(sku: "${p}B") { sku } }`)).data.product).toBeNull();

    // The same GTIN on another product, written either way: refused, and the first keeps it.
    const taken = await api.gql(WITH_GTIN, { input: { sku: `${p}C`, name: 'Other flour', gtin: `0${gtin}` } });
    expect(codeOf(taken)).toBe('ALREADY_EXISTS');
    expect((await api.gql(`{ product(sku: "${p}C") { sku } }`)).data.product).toBeNull();
    // Its own product may repeat it.
    expect((await api.gql(WITH_GTIN, { input: { sku: `${p}A`, name: 'Flour, bread', gtin } })).errors).toBeUndefined();
  });

  it('check a location\'s GLN as GS1 writes it: 13 digits and a right check digit', async () => {
    const base = { id: `${p}L`, businessName: 'Mill' };
    const withGln = 'mutation($input: LocationInput!) { upsertLocation(input: $input) { id gln } }';
    expect((await api.gql(withGln, { input: { ...base, gln: '0614141000012' } })).data.upsertLocation.gln).toBe('0614141000012');
    const wrong = await api.gql(withGln, { input: { ...base, gln: '0614141000013' } });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0].message).toBe('GLN 0614141000013 has the check digit 3; its digits give 2.');
    expect(codeOf(await api.gql(withGln, { input: { ...base, gln: '614141000012' } }))).toBe('BAD_USER_INPUT');
    expect((await api.gql(`{ location(id: "${p}L") { gln } }`)).data.location.gln).toBe('0614141000012');
  });
});
