/** A lot's GS1 identifier, in either form, wherever the API takes a lot's code; and parties' GLNs. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportRejected, importEvents } from '../src/bulk/bulk.service.js';
import { loadDemo } from '../src/demo/bakery.js';
import { toDigitalLink, toEpcUrn } from '../src/gs1/identifiers.js';
import { LOT, RECEIVE_LOT, RECORD_PRODUCTION, TRACE_BACKWARD, TRACE_FORWARD, UPSERT_SUPPLIER } from './fixtures/operations.js';
import { codeOf, newGtin13, startHttp, uid, withApi } from './helpers.js';

const { db, api } = withApi();
const p = uid('GS1');
const flourGtin = `0${newGtin13()}`;
const cookieGtin = `0${newGtin13()}`;
const dl = (gtin: string, lot: string) => toDigitalLink({ kind: 'lgtin', gtin, lot });

async function ok(query: string, variables: Record<string, unknown>) {
  const r = await api.gql(query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}

const receipt = (code: string, supplierLotCode: string) => ({
  lotCode: code, productSku: `${p}FLOUR`, productName: 'Flour', supplierId: `${p}MILL`, supplierLotCode, quantity: { amount: 100, unit: 'kg' }, receivedAt: '2026-03-01T08:00:00Z',
});

beforeAll(async () => {
  const product = 'mutation($input: ProductInput!) { upsertProduct(input: $input) { sku } }';
  await ok(product, { input: { sku: `${p}FLOUR`, name: 'Flour', gtin: flourGtin } });
  await ok(product, { input: { sku: `${p}COOKIE`, name: 'Cookies', gtin: cookieGtin } });
  await ok(UPSERT_SUPPLIER, { input: { id: `${p}MILL`, name: 'Mill' } });
  await ok(RECEIVE_LOT, { input: receipt(`${p}F1`, 'NM-7/A') });
  // Two deliveries under one supplier lot number.
  await ok(RECEIVE_LOT, { input: receipt(`${p}F2`, 'NM-9') });
  await ok(RECEIVE_LOT, { input: receipt(`${p}F3`, 'NM-9') });
  await ok(RECORD_PRODUCTION, {
    input: {
      batchCode: `${p}B1`, producedAt: '2026-03-02T08:00:00Z',
      inputs: [{ lotCode: `${p}F1`, quantity: { amount: 10, unit: 'kg' } }],
      outputs: [{ lotCode: `${p}C1`, productSku: `${p}COOKIE`, productName: 'Cookies', quantity: { amount: 100, unit: 'each' } }],
    },
  });
});

describe("a lot's GS1 identifier", () => {
  it("finds the demo's flour lot from README's example, and its cookies by their GTIN", async () => {
    await loadDemo(db);
    const readme = (await ok(LOT, { code: 'https://id.gs1.org/01/00614141000012/10/NM-26-0456' })).lot;
    expect(readme.code).toBe('FLOUR-0301');
    expect((await ok(LOT, { code: 'urn:epc:class:lgtin:0614141.000002.COOKIE-0302-A' })).lot.code).toBe('COOKIE-0302-A');
  });

  it('finds a received lot by its GTIN and the supplier\'s lot number, as a Digital Link or an EPC URN', async () => {
    const id = { kind: 'lgtin' as const, gtin: flourGtin, lot: 'NM-7/A' };
    for (const ref of [toDigitalLink(id), toEpcUrn(id, 7), toEpcUrn(id, 9)]) {
      expect((await ok(LOT, { code: ref })).lot.code, ref).toBe(`${p}F1`);
    }
  });

  it('finds a produced lot by its GTIN and lotgraph\'s own code, and traces from it as from the code', async () => {
    const ref = dl(cookieGtin, `${p}C1`);
    expect((await ok(LOT, { code: ref })).lot.code).toBe(`${p}C1`);
    expect(await ok(TRACE_BACKWARD, { lotCode: ref })).toEqual(await ok(TRACE_BACKWARD, { lotCode: `${p}C1` }));
    const forward = await ok(TRACE_FORWARD, { lotCode: dl(flourGtin, 'NM-7/A') });
    expect(forward.traceForward.lots.map((l: { lot: { code: string } }) => l.lot.code).sort()).toEqual([`${p}C1`, `${p}F1`]);
  });

  it('starts a recall scope at every lot it names; a lookup or trace that needs one lot says which it could be', async () => {
    const ref = dl(flourGtin, 'NM-9');
    const scope = await ok('query($s: RecallStartInput!) { recallScope(start: $s) { startLots { code } } }', { s: { lotCodes: [ref] } });
    expect(scope.recallScope.startLots.map((l: { code: string }) => l.code)).toEqual([`${p}F2`, `${p}F3`]);
    const one = await api.gql(LOT, { code: ref });
    expect(codeOf(one)).toBe('BAD_USER_INPUT');
    expect(one.errors![0].message).toBe(`code: ${ref} names 2 lots (${p}F2, ${p}F3), received under the same lot number; give one lotgraph code.`);
    expect(codeOf(await api.gql(TRACE_FORWARD, { lotCode: ref }))).toBe('BAD_USER_INPUT');
  });

  it('is what Lot.identifier gives: a Digital Link where the product has a GTIN, else lotgraph\'s own form; either leads back to the lot', async () => {
    await loadDemo(db);
    const ids = await ok(`{ flour: lot(code: "FLOUR-0301") { identifier } cookies: lot(code: "COOKIE-0302-A") { identifier } dough: lot(code: "DOUGH-0302") { identifier } }`, {});
    expect(ids).toEqual({
      flour: { identifier: 'https://id.gs1.org/01/00614141000012/10/NM-26-0456' },
      cookies: { identifier: 'https://id.gs1.org/01/00614141000029/10/COOKIE-0302-A' },
      dough: { identifier: 'https://lotgraph.invalid/id/lot/DOUGH-0302' },
    });
    for (const [code, { identifier }] of [['FLOUR-0301', ids.flour], ['COOKIE-0302-A', ids.cookies], ['DOUGH-0302', ids.dough]] as const) {
      expect((await ok(LOT, { code: identifier })).lot.code).toBe(code);
    }
    // LOTGRAPH_ID_BASE sets lotgraph's own form.
    const http = await startHttp(db, { idBase: 'https://trace.example-bakery.com/id' });
    try {
      const own = await http.gql('{ lot(code: "DOUGH-0302") { identifier } }');
      expect(own.body.data.lot.identifier).toBe('https://trace.example-bakery.com/id/lot/DOUGH-0302');
      const back = await http.gql('query($c: ID!) { traceBackward(lotCode: $c) { lots { lot { code } } } }', { c: 'https://trace.example-bakery.com/id/lot/DOUGH-0302' });
      expect(back.body.data.traceBackward.lots[0].lot.code).toBe('DOUGH-0302');
    } finally {
      await http.close();
    }
  });

  it('says what is wrong with one that is broken or names no lot', async () => {
    const wrongDigit = `${flourGtin.slice(0, -1)}${(Number(flourGtin.at(-1)) + 1) % 10}`;
    const broken = await api.gql(LOT, { code: dl(wrongDigit, 'NM-7/A') });
    expect(codeOf(broken)).toBe('BAD_USER_INPUT');
    expect(broken.errors![0].message).toContain('check digit');
    const place = await api.gql(TRACE_FORWARD, { lotCode: 'https://id.gs1.org/414/0614141123452' });
    expect(codeOf(place)).toBe('BAD_USER_INPUT');
    expect(place.errors![0].message).toContain('names a place (GLN), not a lot');
    // A broken percent-escape, in either lotgraph's own form or a Digital Link.
    for (const ref of ['https://lotgraph.invalid/id/lot/%E0%A4%A', 'https://id.gs1.org/01/09506000134352/10/%E0%A4%A']) {
      const broken = await api.gql(LOT, { code: ref });
      expect(codeOf(broken), ref).toBe('BAD_USER_INPUT');
      expect(broken.errors![0].message).toContain('broken percent-escape');
    }
    // Well formed, but no lot of ours: as an unknown code is.
    expect((await ok(LOT, { code: dl(flourGtin, 'NO-SUCH') })).lot).toBeNull();
    expect(codeOf(await api.gql(TRACE_BACKWARD, { lotCode: dl(flourGtin, 'NO-SUCH') }))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql('query($s: RecallStartInput!) { recallScope(start: $s) { startLots { code } } }', { s: { lotCodes: [dl(flourGtin, 'NO-SUCH')] } }))).toBe('NOT_FOUND');
  });
});

describe('party GLNs', () => {
  const SUPPLIER = 'mutation($input: SupplierInput!) { upsertSupplier(input: $input) { id gln } }';
  const CUSTOMER = 'mutation($input: CustomerInput!) { upsertCustomer(input: $input) { id gln } }';

  it('are checked on suppliers and customers, kept when an update leaves them out, and refused by the bulk importer when wrong', async () => {
    expect((await ok(SUPPLIER, { input: { id: `${p}PS`, name: 'Mill', gln: '0614141123452' } })).upsertSupplier).toEqual({ id: `${p}PS`, gln: '0614141123452' });
    expect((await ok(SUPPLIER, { input: { id: `${p}PS`, name: 'Mill, renamed' } })).upsertSupplier.gln).toBe('0614141123452');
    const wrong = await api.gql(CUSTOMER, { input: { id: `${p}PC`, name: 'Shop', gln: '0614141123453' } });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0].message).toBe('GLN 0614141123453 has the check digit 3; its digits give 2.');
    expect((await api.gql(`{ customer(id: "${p}PC") { id } }`)).data.customer).toBeNull();
    expect((await ok(CUSTOMER, { input: { id: `${p}PC`, name: 'Shop', gln: '0614141000012' } })).upsertCustomer.gln).toBe('0614141000012');

    const rejected = await importEvents(db, [{ type: 'customer', id: `${p}PC2`, name: 'Shop 2', gln: '12345' }]).catch((e) => e);
    expect(rejected).toBeInstanceOf(ImportRejected);
    expect((rejected as ImportRejected).problems[0]).toContain('A GLN is 13 digits; got "12345".');
  });
});
