/**
 * A corpus of bad requests, sent over HTTP as a careless or hostile client would: generated
 * mutations with one defect each (fast-check), malformed bodies, wrong types, deep nesting and
 * huge strings. Each must get a client error with a contract code, never INTERNAL_SERVER_ERROR,
 * and none may write anything (their audit records aside).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cypherRows, uid, withHttp } from './helpers.js';

const { db, http } = withHttp();

const p = uid('BAD');
const T = '2026-03-01T08:30:00Z';
const q = (amount: number, unit = 'kg') => ({ amount, unit });

/** A valid input per mutation, naming only records of this test's prefix (which do not exist). */
const TEMPLATES: Record<string, { type: string; input: Record<string, unknown> }> = {
  upsertSupplier: { type: 'SupplierInput!', input: { id: `${p}S`, name: 'Mill', location: 'Here' } },
  upsertCustomer: { type: 'CustomerInput!', input: { id: `${p}C`, name: 'Shop', location: 'There' } },
  upsertLocation: { type: 'LocationInput!', input: { id: `${p}L`, businessName: 'Plant', city: 'Salem', own: true } },
  upsertProduct: { type: 'ProductInput!', input: { sku: `${p}P`, name: 'Flour', onFoodTraceabilityList: false } },
  receiveLot: {
    type: 'ReceiveLotInput!',
    input: { lotCode: `${p}LOT`, productSku: 'ING', productName: 'Flour', supplierId: `${p}S`, supplierLotCode: 'S-1', quantity: q(10), receivedAt: T, referenceDocument: 'BOL' },
  },
  recordProduction: {
    type: 'ProductionInput!',
    input: { batchCode: `${p}B`, producedAt: T, inputs: [{ lotCode: `${p}LOT`, quantity: q(1) }], outputs: [{ lotCode: `${p}OUT`, productSku: 'FG', productName: 'Bread', quantity: q(5, 'each') }] },
  },
  recordShipment: {
    type: 'ShipmentInput!',
    input: { shipmentId: `${p}SH`, customerId: `${p}C`, shippedAt: T, referenceDocument: 'INV', lines: [{ lotCode: `${p}OUT`, quantity: q(1, 'each') }] },
  },
  holdLots: { type: 'HoldLotsInput!', input: { lotCodes: [`${p}LOT`], reason: 'Check', by: 'QA', at: T } },
  releaseLots: { type: 'ReleaseLotsInput!', input: { lotCodes: [`${p}LOT`], reason: 'Fine', by: 'QA', at: T } },
  recordAdjustment: {
    type: 'AdjustmentInput!',
    input: { adjustmentId: `${p}ADJ`, lotCode: `${p}LOT`, kind: 'WASTE', direction: 'DECREASE', quantity: q(1), reason: 'Spill', by: 'QA', at: T },
  },
  initiateRecall: { type: 'InitiateRecallInput!', input: { recallId: `${p}R`, reason: 'Nuts', classification: 'I', by: 'QA', at: T, start: { lotCodes: [`${p}LOT`] } } },
  runMockRecall: { type: 'MockRecallInput!', input: { recallId: `${p}M`, reason: 'Drill', by: 'QA', start: { lotCodes: [`${p}LOT`] } } },
  updateRecallNotification: { type: 'RecallNotificationInput!', input: { recallId: `${p}R`, customerId: `${p}C`, status: 'NOTIFIED', at: T, note: 'Called' } },
  closeRecall: { type: 'CloseRecallInput!', input: { recallId: `${p}R`, outcome: 'Done', by: 'QA', at: T } },
  createApiKey: { type: 'CreateApiKeyInput!', input: { name: `${p}key`, role: 'VIEWER' } },
};

type Path = (string | number)[];

/** Every leaf (string, number, boolean) and list of an input, by its path. */
function leaves(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (Array.isArray(value)) return [{ path, value }, ...value.flatMap((v, i) => leaves(v, [...path, i]))];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head!] = setAt(copy[head!], rest, replacement);
  return copy;
}

/** Replacements that make any leaf of its kind invalid, whatever the field. */
const badString = fc.oneof(
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\u202e', '\u2066', '\u0007', '\u001b[31m'), fc.string({ maxLength: 20 })).map(([a, bad, b]) => `${a}${bad}${b}`),
  fc.integer({ min: 9000, max: 20000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(4.5, {}, [], true, { $gt: '' }),
);
const badNumber = fc.oneof(fc.constantFrom(-1, 0, -0.5, 1e300, -1e300, 'ten', {}, [], true, '1e400'), fc.double({ max: 0, noNaN: true }));
const badBoolean = fc.constantFrom('yes', 3, {}, []);
const badList = fc.constantFrom([], 'not a list', {}, [null]);

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'ALREADY_EXISTS', 'UNIT_MISMATCH', 'INSUFFICIENT_QUANTITY', 'LOT_NOT_AVAILABLE',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN',
]);

const seen = new Map<string, number>();
async function expectClientError(res: Response, what: string) {
  expect(res.status, what).toBeLessThan(500);
  const text = await res.text();
  const body = text ? JSON.parse(text) : {};
  const codes: string[] = (body.errors ?? []).map((e: any) => e.extensions?.code);
  expect(codes.length, `${what}: ${text.slice(0, 300)}`).toBeGreaterThan(0);
  for (const code of codes) {
    expect(CLIENT_CODES.has(code), `${what}: ${code} ${text.slice(0, 300)}`).toBe(true);
    seen.set(code, (seen.get(code) ?? 0) + 1);
  }
}

const post = (body: string, contentType = 'application/json') =>
  http.fetch('/graphql', { method: 'POST', headers: { 'content-type': contentType }, body });

describe('a corpus of bad requests', () => {
  let sent = 0;

  it('refuses each generated mutation with one defect with a client error code', async () => {
    const cases = Object.entries(TEMPLATES).flatMap(([name, t]) => leaves(t.input).map((leaf) => ({ name, ...t, leaf })));
    const arbitrary = fc.constantFrom(...cases).chain((c) =>
      (Array.isArray(c.leaf.value) ? badList : typeof c.leaf.value === 'number' ? badNumber : typeof c.leaf.value === 'boolean' ? badBoolean : badString).map(
        (bad) => ({ ...c, bad }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ name, type, input, leaf, bad }) => {
        sent += 1;
        const variables = { input: setAt(input, leaf.path, bad) };
        const res = await post(JSON.stringify({ query: `mutation($input: ${type}) { ${name}(input: $input) { __typename } }`, variables }));
        await expectClientError(res, `${name} ${leaf.path.join('.')} = ${JSON.stringify(bad).slice(0, 60)}`);
      }),
      { numRuns: 900 },
    );
  });

  it('refuses malformed bodies, wrong types, deep nesting and huge strings in queries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }), async (body) => {
        sent += 1;
        await expectClientError(await post(body), `body ${JSON.stringify(body)}`);
      }),
      { numRuns: 100 },
    );
    const queries = [
      '{ lot(code: 4.5) { code } }',
      '{ lot(code: "A") { code { nested } } }',
      '{ traceForward(lotCode: "A", maxDepth: "deep") { truncated } }',
      '{ traceForward(lotCode: "A", maxDepth: -1) { truncated } }',
      '{ traceForward(lotCode: "A", maxDepth: 99999999999) { truncated } }',
      `{ lot(code: "${'x'.repeat(9000)}") { code } }`,
      `{ lotsBySupplierLotCode(supplierLotCode: "A\\u0000B") { code } }`,
      `{ lot(code: "LOT\\u202eA") { code } }`,
      `{ ${'lot(code: "A") { producedBy { inputs { lot { '.repeat(30)}code${' } } } }'.repeat(30)} }`,
      '{ noSuchField }',
      'mutation { noSuchMutation }',
      '{ fsmaRecords(filter: { from: "yesterday", to: "today" }, cte: SHIPPING) { rows } }',
      '{ auditLog(after: "not-a-cursor") { nextCursor } }',
      '{ auditLog(first: 0) { nextCursor } }',
      'subscription { lot }',
      '',
    ];
    for (const query of queries) {
      sent += 1;
      await expectClientError(await post(JSON.stringify({ query })), query.slice(0, 80));
    }
    for (const body of ['[{"query":"{ health { neo4j } }"},{"query":"{ health { neo4j } }"}]', '{"query": 42}', '{"query": "{ health { neo4j } }", "variables": "x"}', 'null', '"text"']) {
      sent += 1;
      await expectClientError(await post(body), body);
    }
    sent += 1;
    await expectClientError(await post('query=%7B%7D', 'application/x-www-form-urlencoded'), 'form body');
    sent += 1;
    await expectClientError(await http.fetch(`/graphql?query=${encodeURIComponent('mutation { upsertSupplier(input: { id: "x", name: "y" }) { id } }')}`), 'mutation over GET');
  });

  it('wrote nothing at all, and sent at least a thousand requests', async () => {
    const written = await cypherRows(
      db,
      `MATCH (n) WHERE NOT n:AuditRecord AND any(k IN ['code', 'id', 'sku', 'name'] WHERE n[k] STARTS WITH $p)
       RETURN labels(n) AS labels, properties(n) AS props`,
      { p },
    );
    expect(written).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(1000);
    console.info(`bad-input corpus: ${sent} requests, error codes seen: ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
  });
});

describe('what a new user tried', () => {
  it('refuses a 9,000-character lot code, and lot codes holding NUL or a right-to-left override, with BAD_USER_INPUT', async () => {
    for (const code of ['x'.repeat(9000), 'FLOUR\u00001', 'FLOUR-\u202e1A']) {
      const res = await http.gql(`mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }`, {
        i: { lotCode: code, productSku: 'ING', productName: 'Flour', supplierId: `${p}S`, supplierLotCode: 'S', quantity: q(1), receivedAt: T },
      });
      expect(res.status).toBe(200);
      expect(res.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors![0].message).toMatch(/lotCode|input\.lotCode/);
      const read = await http.gql(`query($c: ID!) { lot(code: $c) { code } }`, { c: code });
      expect(read.body.errors?.[0]?.extensions?.code ?? null).toBe(code.length > 200 || /[\u0000\u202e]/.test(code) ? 'BAD_USER_INPUT' : null);
    }
  });
});
