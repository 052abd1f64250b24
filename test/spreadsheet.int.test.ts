import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/driver.js';
import { importSpreadsheet, type SpreadsheetOptions } from '../src/spreadsheet/spreadsheet.service.js';
import { trace } from '../src/trace/trace.service.js';
import { connect, cypherRows, type Http, snapshot, startHttp, TEST_ADMIN_KEY, uid } from './helpers.js';

let db: Db;
const p = uid('XL');
beforeAll(async () => {
  db = connect();
  await cypherRows(db, `CREATE (:Supplier {id: $p + 'MILL', name: 'Northfield Mills ' + $p}), (:Supplier {id: $p + 'DAIRY', name: 'Green Valley Dairy ' + $p}),
                        (:Customer {id: $p + 'SHOP', name: 'CityMart ' + $p})`, { p });
});
afterAll(() => db.close());

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('Sheet1'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const run = (data: Buffer, format: 'csv' | 'xlsx', options: SpreadsheetOptions) => importSpreadsheet(db, data, format, options);

/** A receiving log as a spreadsheet program exports it: a title row, a blank line, US dates, "lbs", vendors by name. */
const receivingLog = () =>
  xlsx((sheet) => {
    sheet.addRow(['Receiving log: March 2026']);
    sheet.mergeCells('A1:I1');
    sheet.addRow([]);
    sheet.addRow(['Date Received', 'Lot #', 'Item Code', 'Description', 'Vendor', 'Vendor Lot', 'Qty', 'UOM', 'Checked by']);
    sheet.addRow(['3/1/2026', `${p}FLOUR`, 'ING-FLOUR', 'Flour', `  northfield   MILLS ${p.toLowerCase()}`, 'NM-1', '1,000', 'lbs', 'Dana']);
    sheet.addRow([]);
    sheet.addRow(['3/2/2026 6:30 AM', `${p}BUTTER`, 'ING-BUTTER', 'Butter', `${p}DAIRY`, 'GVD-7', 200, 'LB', 'Dana']);
  });

describe('spreadsheet import', () => {
  it('reads a receiving log with a title row, blank lines, US dates, "lbs" and vendors by name, then a batch sheet with merged header cells, then a shipping CSV with a BOM and Windows line endings; and traces them', async () => {
    const receipts = await run(await receivingLog(), 'xlsx', { kind: 'receipts', dateFormat: 'mdy' });
    expect(receipts.problems).toEqual([]);
    expect(receipts).toMatchObject({ headerRow: 3, rows: 2, ignoredColumns: ['Checked by'], written: 2, skipped: 0 });
    const [flour] = await cypherRows(db, 'MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot {code: $code}) RETURN s.id AS supplier, l.unit AS unit, l.quantity AS quantity, toString(l.receivedAt) AS at', { code: `${p}FLOUR` });
    expect(flour).toEqual({ supplier: `${p}MILL`, unit: 'lb', quantity: 1000, at: '2026-03-01T00:00:00Z' });

    const batchSheet = await xlsx((sheet) => {
      sheet.addRow(['Batch sheet', null, null, null, null, null, null, null]);
      sheet.mergeCells('A1:H1');
      sheet.addRow(['Batch', 'Production date', 'In / Out', 'Lot', 'SKU', 'Product', 'Quantity', null]);
      // "Quantity" spans its amount and unit columns, as batch sheets draw it.
      sheet.mergeCells('G2:H2');
      sheet.addRow([null, null, null, null, null, null, 'Amount', 'Unit']);
      const day = new Date(Date.UTC(2026, 2, 3, 8, 0));
      sheet.addRow([`${p}B1`, day, 'Input', `${p}FLOUR`, null, null, 100, 'lbs']);
      sheet.addRow([`${p}B1`, day, 'in', `${p}BUTTER`, null, null, 20, 'lb']);
      sheet.addRow([`${p}B1`, day, 'Output', `${p}COOKIE`, 'FG-COOKIE', 'Cookies', 400, 'cs']);
    });
    const production = await run(batchSheet, 'xlsx', { kind: 'production' });
    expect(production.problems).toEqual([]);
    expect(production.headerRow).toBe(3);
    expect(production.preview).toEqual([{ rows: [4, 5, 6], record: 'production', key: `${p}B1`, outcome: 'new' }]);

    const shipping = Buffer.from(`\ufeffShipment,Ship To,Ship Date,Lot Number,Qty,Unit,Invoice\r\n${p}S1,CityMart ${p},2026-03-04T10:00:00Z,${p}COOKIE,150,EA,INV-9\r\n${p}S1,CityMart ${p},2026-03-04T10:00:00Z,${p}COOKIE,50,ea,INV-9\r\n`);
    const shipments = await run(shipping, 'csv', { kind: 'shipments' });
    expect(shipments.problems).toEqual([]);
    expect(shipments.written).toBe(1);

    const back = await trace(db, 'backward', { lotCode: `${p}COOKIE` });
    expect(back.lots.map((l) => l.code).sort()).toEqual([`${p}BUTTER`, `${p}COOKIE`, `${p}FLOUR`]);
    const [shipped] = await cypherRows(db, 'MATCH (:Lot {code: $code})-[s:SHIPPED_TO]->(c:Customer) RETURN c.id AS customer, sum(s.quantity) AS qty', { code: `${p}COOKIE` });
    expect(shipped).toEqual({ customer: `${p}SHOP`, qty: 200 });
  });

  it('records a file imported twice once, and refuses another file that gives a recorded lot other content, naming it', async () => {
    const again = await run(await receivingLog(), 'xlsx', { kind: 'receipts', dateFormat: 'mdy' });
    expect(again.problems).toEqual([]);
    expect(again).toMatchObject({ written: 0, skipped: 2 });
    expect(again.preview.map((l) => l.outcome)).toEqual(['already recorded', 'already recorded']);
    const other = Buffer.from(`lot,sku,product,supplier,supplier lot,qty,unit,date\n${p}FLOUR,ING-FLOUR,Flour,${p}MILL,NM-1,999,lb,2026-03-01\n`);
    const refused = await run(other, 'csv', { kind: 'receipts' });
    expect(refused.written).toBe(0);
    expect(refused.problems).toEqual([{ row: 2, column: null, message: expect.stringMatching(new RegExp(`"${p}FLOUR" is taken .*ALREADY_EXISTS`)) }]);
  });

  it('reports every problem with its row and column, and writes nothing', async () => {
    const before = await snapshot(db, p);
    const bad = Buffer.from(
      [
        'Lot,SKU,Product,Supplier,Supplier Lot,Qty,Unit,Date Received',
        `${p}X1,ING,Salt,Northfeld Mills ${p},S-1,10,kg,2026-03-01`,
        `${p}X2,ING,Salt,${p}MILL,S-2,10,bushel,2026-03-01`,
        `${p}X3,ING,Salt,${p}MILL,S-3,ten,kg,3/1/2026`,
        `${p}X4,,Salt,${p}MILL,S-4,10,kg,2026-03-01`,
        `${p}X5,ING,Salt,Northfeld Mills ${p},S-5,10,kg,2026-03-01`,
      ].join('\n'),
    );
    const report = await run(bad, 'csv', { kind: 'receipts' });
    expect(report.written).toBe(0);
    expect(report.problems).toEqual([
      { row: 2, column: 'Supplier', message: expect.stringMatching(new RegExp(`no supplier has the id or name .*near matches: Northfield Mills ${p} \\(${p}MILL\\)`)) },
      { row: 3, column: 'Unit', message: expect.stringContaining('"bushel" is not a unit') },
      { row: 4, column: 'Qty', message: expect.stringContaining('"ten" is not a number') },
      { row: 4, column: 'Date Received', message: expect.stringContaining('declare the file\'s date format') },
      { row: 5, column: 'SKU', message: 'is empty, and it is required' },
      // The same unknown name again: the same message (its near matches worked out once).
      { row: 6, column: 'Supplier', message: expect.stringMatching(new RegExp(`no supplier has the id or name .*near matches: Northfield Mills ${p} \\(${p}MILL\\)`)) },
    ]);

    // Checks against the database: a lot that does not exist, more than is on hand.
    const ship = Buffer.from(`shipment,customer,date,lot,qty,unit\n${p}S2,${p}SHOP,2026-03-05,${p}NOPE,1,each\n${p}S3,${p}SHOP,2026-03-05,${p}COOKIE,1000,each\n`);
    const shipReport = await run(ship, 'csv', { kind: 'shipments' });
    expect(shipReport.problems.map((x) => x.row)).toEqual([2, 3]);
    expect(shipReport.problems[0].message).toContain(`${p}NOPE`);
    expect(shipReport.problems[1].message).toMatch(/INSUFFICIENT_QUANTITY/);

    // Missing required columns come first, before any row is read.
    const missing = await run(Buffer.from('lot,sku,product,qty,unit,date\nA,B,C,1,kg,2026-01-01\n'), 'csv', { kind: 'receipts' });
    expect(missing.problems.map((x) => x.message)).toEqual([expect.stringMatching(/^No column for supplier/), expect.stringMatching(/^No column for supplierLotCode/)]);
    expect(await snapshot(db, p)).toBe(before);
  });

  it('previews a dry run and writes nothing', async () => {
    const before = await snapshot(db, p);
    const file = Buffer.from(`lot;sku;product;supplier;supplier lot;qty;unit;date\n${p}SALT;ING-SALT;Salt;${p}MILL;S-9;12,5;kg;01.03.2026\n`);
    const phases: string[] = [];
    const report = await run(file, 'csv', { kind: 'receipts', dryRun: true, decimalComma: true, dateFormat: 'dmy', onPhase: (phase) => phases.push(phase) });
    expect(report.problems).toEqual([]);
    expect(report.preview).toEqual([{ rows: [2], record: 'receipt', key: `${p}SALT`, outcome: 'new' }]);
    expect(report.written).toBe(0);
    expect(await snapshot(db, p)).toBe(before);
    // Timed step by step (the benchmark reports where an import's time goes): no write phase in a dry run.
    expect(phases).toEqual(['read', 'cells', 'checks']);
    const committed: string[] = [];
    await run(file, 'csv', { kind: 'receipts', decimalComma: true, dateFormat: 'dmy', onPhase: (phase) => committed.push(phase) });
    expect(committed).toEqual(['read', 'cells', 'checks', 'write location+product+supplier+customer', 'write receipt', 'write production', 'write shipment', 'write on-hand']);
    expect(await snapshot(db, p)).not.toBe(before);
  });
});

describe('master-data sheets', () => {
  it('records suppliers, customers, locations and products as the upserts do, and a receipt then finds the new supplier by name', async () => {
    const locations = await run(Buffer.from(`Site ID,Name,Street,City,State,Zip,Country,Own site\n${p}L-PLANT,Plant ${p},1 Main St,Salem,OR,97301,US,yes\n${p}L-MILL2,Mill ${p},2 Mill Rd,Salina,KS,67401,US,no\n`), 'csv', { kind: 'locations' });
    expect(locations.problems).toEqual([]);
    const suppliers = await run(Buffer.from(`Vendor ID,Vendor Name,Site ID\n${p}SUP2,Second Mill ${p},${p}L-MILL2\n`), 'csv', { kind: 'suppliers' });
    expect(suppliers.problems).toEqual([]);
    const products = await run(
      await xlsx((sheet) => {
        sheet.addRow(['Item Code', 'Description', 'Brand', 'FTL']);
        sheet.addRow([`${p}SKU-CHEESE`, 'Soft cheese', 'Dairyland', 'Yes']);
      }),
      'xlsx',
      { kind: 'products' },
    );
    expect(products.problems).toEqual([]);
    const [stored] = await cypherRows(
      db,
      `MATCH (l:Location {id: $p + 'L-PLANT'}) MATCH (s:Supplier {id: $p + 'SUP2'}) MATCH (x:Product {sku: $p + 'SKU-CHEESE'})
       RETURN l.own AS own, l.postalCode AS zip, s.name AS supplier, s.locationId AS site, x.onFoodTraceabilityList AS ftl`,
      { p },
    );
    expect(stored).toEqual({ own: true, zip: '97301', supplier: `Second Mill ${p}`, site: `${p}L-MILL2`, ftl: true });
    const receipt = await run(Buffer.from(`lot,sku,product,vendor,vendor lot,qty,unit,date\n${p}CHEESE-1,${p}SKU-CHEESE,Soft cheese,second mill ${p},SM-1,20,kg,2026-03-01\n`), 'csv', { kind: 'receipts' });
    expect(receipt.problems).toEqual([]);
    expect(receipt.written).toBe(1);

    const bad = await run(Buffer.from(`Site ID,Name,Own site\n${p}L-X,X,maybe\n`), 'csv', { kind: 'locations' });
    expect(bad.problems).toEqual([{ row: 2, column: 'Own site', message: '"maybe" is neither yes nor no' }]);
  });
});

describe('missing suppliers and customers', () => {
  const slug = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '');
  const sheet = (vendor: string) =>
    Buffer.from(`Date,Lot,SKU,Product,Vendor,Vendor lot,Qty,Unit\n2026-03-04,${p}OAT1,ING-OAT,Oats,${vendor},V1,50,kg\n2026-03-04,${p}OAT2,ING-OAT,Oats,${vendor.toUpperCase()},V2,60,kg\n`);

  it('refuses a name that matches nothing unless told to create it; then creates it once, and the next file finds it by name', async () => {
    const before = await snapshot(db, p);
    const refused = await run(sheet(`Acme Oats ${p}`), 'csv', { kind: 'receipts' });
    expect(refused.problems).toEqual([2, 3].map((row) => ({ row, column: 'Vendor', message: expect.stringMatching(/no supplier has the id or name "Acme Oats .*--create-missing, to add it/i) })));
    expect(await snapshot(db, p)).toBe(before);

    const dry = await run(sheet(`Acme Oats ${p}`), 'csv', { kind: 'receipts', createMissing: true, dryRun: true });
    const id = `SUP-${slug(`Acme Oats ${p}`)}`;
    expect(dry.problems).toEqual([]);
    expect(dry.preview).toEqual([
      { rows: [2, 3], record: 'supplier', key: id, outcome: 'new' },
      { rows: [2], record: 'receipt', key: `${p}OAT1`, outcome: 'new' },
      { rows: [3], record: 'receipt', key: `${p}OAT2`, outcome: 'new' },
    ]);
    expect(await snapshot(db, p)).toBe(before);

    const done = await run(sheet(`Acme Oats ${p}`), 'csv', { kind: 'receipts', createMissing: true });
    expect(done).toMatchObject({ problems: [], written: 3 });
    const lots = await cypherRows(db, 'MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot) WHERE l.code STARTS WITH $c RETURN s.id AS id, s.name AS name, l.code AS lot ORDER BY lot', { c: `${p}OAT` });
    expect(lots).toEqual([
      { id, name: `Acme Oats ${p}`, lot: `${p}OAT1` },
      { id, name: `Acme Oats ${p}`, lot: `${p}OAT2` },
    ]);
    // The same file again: the supplier is found by its name, nothing new is made.
    const again = await run(sheet(`Acme Oats ${p}`), 'csv', { kind: 'receipts', createMissing: true });
    expect(again).toMatchObject({ problems: [], written: 0, skipped: 2 });
    expect(again.preview.map((l) => l.record)).toEqual(['receipt', 'receipt']);
  });

  it('never takes an existing party\'s id for a new one', async () => {
    // A supplier whose id is what the new name would give, under another name.
    const name = `Taken ${p}`;
    const id = `SUP-${slug(name)}`;
    await cypherRows(db, 'CREATE (:Supplier {id: $id, name: $other})', { id, other: `Someone else ${p}` });
    const done = await run(Buffer.from(sheet(name).toString().replace(/OAT/g, 'TAKEN')), 'csv', { kind: 'receipts', createMissing: true });
    expect(done.problems).toEqual([]);
    expect(done.preview[0]).toMatchObject({ record: 'supplier', key: `${id}-2` });
    const names = await cypherRows(db, 'MATCH (s:Supplier) WHERE s.id STARTS WITH $id RETURN s.id AS id, s.name AS name ORDER BY id', { id });
    expect(names).toEqual([{ id, name: `Someone else ${p}` }, { id: `${id}-2`, name }]);
  });
});

describe('spreadsheets over HTTP', () => {
  let http: Http;
  beforeAll(async () => {
    http = await startHttp(db);
  });
  afterAll(() => http.close());
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const keyFor = async (role: string) => (await http.gql(`mutation { createApiKey(input: { name: "${p}${role}", role: ${role} }) { secret } }`)).body.data.createApiKey.secret as string;

  it('gives templates with a note on every header, an example row and drop-downs; a filled-in template imports without a mapping', async () => {
    const viewer = await keyFor('VIEWER');
    const res = await http.fetch('/import/templates/receipts.xlsx', { key: viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('lotCode');
    expect(String(sheet.getCell('A1').note)).toMatch(/^Required: /);
    const unitColumn = headers.indexOf('unit') + 1;
    expect(sheet.getCell(5, unitColumn).dataValidation).toMatchObject({ type: 'list', formulae: ['"g,kg,lb,oz,ml,l,each"'] });
    // Fill it in: the example row becomes a receipt of ours.
    sheet.getCell(2, headers.indexOf('lotCode') + 1).value = `${p}TPL`;
    sheet.getCell(2, headers.indexOf('supplier') + 1).value = `${p}MILL`;
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());

    const recorder = await keyFor('RECORDER');
    const upload = (body: Buffer, query = '', key = recorder) =>
      http.fetch(`/import/receipts${query}`, { method: 'POST', key, headers: { 'content-type': XLSX, 'x-file-name': 'receiving.xlsx' }, body: new Uint8Array(body) });
    expect((await upload(filled, '', viewer)).status).toBe(403);
    expect((await upload(filled, '', null as unknown as string)).status).toBe(401);
    const dry = await upload(filled, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, written: 0, preview: [{ rows: [2], record: 'receipt', key: `${p}TPL`, outcome: 'new' }] });
    const done = await upload(filled);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ written: 1, problems: [] });
    const [lot] = await cypherRows(db, 'MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot {code: $code}) RETURN s.id AS supplier, l.quantity AS q', { code: `${p}TPL` });
    expect(lot).toEqual({ supplier: `${p}MILL`, q: 1000 });
    const [audit] = await cypherRows(db, "MATCH (a:AuditRecord {operation: 'import:receipts'}) WHERE a.keyName = $name RETURN a.outcome AS outcome", { name: `${p}RECORDER` });
    expect(audit).toEqual({ outcome: 'OK' });

    const csv = await http.fetch('/import/templates/shipments.csv', { key: viewer });
    expect((await csv.text()).split('\n')[0]).toBe('shipmentId,customer,shippedAt,lotCode,quantity,unit,referenceDocument');
  });

  it('answers 422 with every problem, and writes nothing', async () => {
    const before = await snapshot(db, p);
    const res = await http.fetch('/import/shipments?dateFormat=mdy', {
      method: 'POST',
      key: TEST_ADMIN_KEY,
      headers: { 'content-type': 'text/csv' },
      body: `Shipment,Customer,Date,Lot,Qty,Unit\n${p}S9,Nobody ${p},3/5/2026,${p}COOKIE,1,each\n`,
    });
    expect(res.status).toBe(422);
    const report = await res.json();
    expect(report.problems).toEqual([{ row: 2, column: 'Customer', message: expect.stringContaining(`no customer has the id or name "Nobody ${p}"`) }]);
    expect(await snapshot(db, p)).toBe(before);
    const wrongType = await http.fetch('/import/receipts', { method: 'POST', key: TEST_ADMIN_KEY, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(wrongType.status).toBe(400);
  });

  it('takes a multipart form (the file and the settings as fields), and creates a missing customer when told', async () => {
    const csv = `Shipment,Customer,Date,Lot,Qty,Unit\r\n${p}SF1,Corner Store ${p},3/6/2026,${p}COOKIE,2,each\r\n`;
    const form = (fields: Record<string, string>, name = 'shipping.csv', type = 'text/csv') => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      f.append('file', new Blob([csv], { type }), name);
      return f;
    };
    const post = (body: FormData, query = '') => http.fetch(`/import/shipments${query}`, { method: 'POST', key: TEST_ADMIN_KEY, body });
    const before = await snapshot(db, p);
    const refused = await post(form({ dateFormat: 'mdy' }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).problems[0]).toMatchObject({ row: 2, column: 'Customer' });
    const dry = await post(form({ dateFormat: 'mdy', createMissing: 'true', dryRun: 'true' }));
    expect(dry.status).toBe(200);
    expect((await dry.json()).preview.map((l: { record: string }) => l.record)).toEqual(['customer', 'shipment']);
    expect(await snapshot(db, p)).toBe(before);
    // Settings may come in the query too; the file's name names the import in the history.
    const done = await post(form({ createMissing: 'true' }, `corner-${p}.csv`), '?dateFormat=mdy');
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ written: 2, problems: [] });
    const [shipped] = await cypherRows(db, 'MATCH (s:Shipment {id: $id})-[:TO]->(c:Customer) RETURN c.name AS name', { id: `${p}SF1` });
    expect(shipped).toEqual({ name: `Corner Store ${p}` });
    const history = await http.gql('{ spreadsheetImports(first: 500) { fileName written } }');
    expect(history.body.data.spreadsheetImports).toContainEqual({ fileName: `corner-${p}.csv`, written: 2 });

    const noFile = new FormData();
    noFile.append('dryRun', 'true');
    const empty = await post(noFile);
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors[0]).toMatchObject({ message: expect.stringMatching(/no file part/), extensions: { code: 'BAD_USER_INPUT' } });
    const unnamed = await post(form({}, 'shipping.pdf', 'application/pdf'));
    expect(unnamed.status).toBe(400);
  });

  it('saves a source\'s mapping under a name for its next file, and keeps a history of imports (not of dry runs)', async () => {
    const save = await http.gql(
      'mutation($i: ImportMappingInput!) { saveImportMapping(input: $i) { name kind columns { header field } } }',
      { i: { name: `${p}lieferant`, kind: 'receipts', columns: [['Eingang', 'receivedAt'], ['Charge', 'lotCode'], ['Artikel', 'productSku'], ['Bezeichnung', 'productName'], ['Lieferant', 'supplier'], ['Lieferantencharge', 'supplierLotCode'], ['Menge', 'quantity'], ['Einheit', 'unit']].map(([header, field]) => ({ header, field })) } },
    );
    expect(save.body.errors).toBeUndefined();
    expect(save.body.data.saveImportMapping.columns).toContainEqual({ header: 'Charge', field: 'lotCode' });
    const wrong = await http.gql('mutation { saveImportMapping(input: { name: "x", kind: "receipts", columns: [{ header: "Charge", field: "lot" }] }) { name } }');
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const listed = await http.gql('{ importMappings(kind: "receipts") { name } }');
    expect(listed.body.data.importMappings.map((m: { name: string }) => m.name)).toContain(`${p}lieferant`);

    const german = `Eingang;Charge;Artikel;Bezeichnung;Lieferant;Lieferantencharge;Menge;Einheit\n01.03.2026;${p}MEHL;ING-MEHL;Mehl;${p}MILL;L-1;12,5;kg\n`;
    const post = (query: string, fileName: string) =>
      http.fetch(`/import/receipts?${query}`, { method: 'POST', key: TEST_ADMIN_KEY, headers: { 'content-type': 'text/csv', 'x-file-name': fileName }, body: german });
    expect((await post(`mappingName=${p}lieferant&dateFormat=dmy&decimalComma=true&dryRun=true`, `${p}dry.csv`)).status).toBe(200);
    expect((await post(`mappingName=${p}nothing&dateFormat=dmy&decimalComma=true`, `${p}refused.csv`)).status).toBe(422);
    const done = await post(`mappingName=${p}lieferant&dateFormat=dmy&decimalComma=true`, `${p}mehl.csv`);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ written: 1 });

    const history = await http.gql('{ spreadsheetImports(first: 500) { kind fileName by rows written skipped problems outcome mappingName at } }');
    const mine = history.body.data.spreadsheetImports.filter((i: { fileName: string | null }) => i.fileName?.startsWith(p));
    expect(mine).toEqual([
      { kind: 'receipts', fileName: `${p}mehl.csv`, by: 'bootstrap admin', rows: 1, written: 1, skipped: 0, problems: 0, outcome: 'OK', mappingName: `${p}lieferant`, at: expect.any(String) },
      { kind: 'receipts', fileName: `${p}refused.csv`, by: 'bootstrap admin', rows: 0, written: 0, skipped: 0, problems: 1, outcome: 'BAD_USER_INPUT', mappingName: `${p}nothing`, at: expect.any(String) },
    ]);
  });
});
