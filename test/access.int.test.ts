/**
 * Access control end to end: the role × operation matrix built from the schema itself, partner
 * scopes on a small world with other companies in it, keys made, used and revoked, and the audit.
 */
import { GraphQLNonNull, isLeafType, getNamedType, type GraphQLField } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, mayCall } from '../src/auth/policy.js';
import { ROLES, type Principal } from '../src/auth/principal.js';
import { buildSchema } from '../src/schema.js';
import { codeOf, cypherRows, startHttp, uid, waitForStatus, withHttp } from './helpers.js';
import { RECEIVE_LOT, RECORD_PRODUCTION, RECORD_SHIPMENT, UPSERT_CUSTOMER, UPSERT_SUPPLIER } from './fixtures/operations.js';
import { production, receipt } from './fixtures/world.js';

const { db, api, http } = withHttp();

const principal = (role: Principal['role'], scope: Principal['scope'] = null): Principal => ({
  keyId: `test-${role}-${scope?.kind ?? 'own'}`,
  name: `test ${role}`,
  role,
  scope,
  bootstrap: false,
});

describe('the role × operation matrix', () => {
  const schema = buildSchema();
  const roots = [schema.getQueryType()!, schema.getMutationType()!];
  const principals = [
    ...ROLES.map((r) => principal(r)),
    principal('viewer', { kind: 'customer', id: 'NO-SUCH-CUSTOMER' }),
    principal('viewer', { kind: 'supplier', id: 'NO-SUCH-SUPPLIER' }),
  ];

  /** The smallest operation that calls a root field: its required arguments as variables that are never sent. */
  function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
    const required = field.args.filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
    const vars = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
    return `${kind}${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection} }`;
  }

  for (const root of roots) {
    const kind = root === schema.getMutationType() ? 'mutation' : 'query';
    for (const field of Object.values(root.getFields())) {
      const coordinate = `${root.name}.${field.name}`;
      it(`${coordinate}: each role and scope gets what the policy says`, async () => {
        // A field without a rule fails here as well as in the policy's unit test.
        expect(OPERATIONS[coordinate], `${coordinate} has no rule in src/auth/policy.ts`).toBeDefined();
        for (const p of principals) {
          const result = await api.gql(operationFor(kind, field), {}, p);
          const who = `${p.role}${p.scope ? ` ${p.scope.kind} partner` : ''}`;
          if (mayCall(p, coordinate).allowed) {
            // Allowed: it gets past the policy (and fails on its missing variables, writing nothing).
            expect(codeOf(result), who).not.toBe('FORBIDDEN');
          } else {
            expect(codeOf(result), who).toBe('FORBIDDEN');
            expect(result.data ?? null, who).toBeNull();
          }
        }
      });
    }
  }

  it('answers FORBIDDEN with HTTP 403 and UNAUTHENTICATED with HTTP 401', async () => {
    const { secret } = (await http.gql(`mutation { createApiKey(input: { name: "matrix viewer", role: VIEWER }) { secret } }`)).body.data.createApiKey;
    const refused = await http.gql(`mutation { upsertSupplier(input: { id: "X", name: "X" }) { id } }`, {}, secret);
    expect(refused.status).toBe(403);
    expect(refused.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(refused.body.errors![0].message).toBe('A viewer key may not run upsertSupplier (it needs recorder).');
    expect((await http.gql('{ health { neo4j } }', {}, secret)).status).toBe(200);
    expect((await http.gql('{ health { neo4j } }', {}, null)).status).toBe(401);
  });

  it('tells a key who it is and what it may call, so that a page shows only the buttons that work', async () => {
    const { secret } = (await http.gql(`mutation { createApiKey(input: { name: "me viewer", role: VIEWER }) { secret } }`)).body.data.createApiKey;
    const viewer = (await http.gql('{ me { name role customerId supplierId allowed } }', {}, secret)).body.data.me;
    expect(viewer).toMatchObject({ name: 'me viewer', role: 'VIEWER', customerId: null, supplierId: null });
    expect(viewer.allowed).toContain('Query.traceForward');
    expect(viewer.allowed).toContain('route:recallReport');
    expect(viewer.allowed).not.toContain('Mutation.holdLots');
    expect(viewer.allowed).not.toContain('Mutation.receiveLot');
    const admin = (await http.gql('{ me { role allowed } }')).body.data.me;
    expect(admin.role).toBe('ADMIN');
    expect(admin.allowed).toEqual(expect.arrayContaining(['Mutation.holdLots', 'Mutation.runMockRecall', 'Mutation.createApiKey', 'route:metrics']));
    // Whatever me says is allowed, the guard allows (and the reverse), for every role.
    for (const role of ['VIEWER', 'RECORDER', 'QUALITY']) {
      const key = (await http.gql(`mutation { createApiKey(input: { name: "me ${role}", role: ${role} }) { secret } }`)).body.data.createApiKey.secret;
      const { allowed } = (await http.gql('{ me { allowed } }', {}, key)).body.data.me;
      const refused = await http.gql('mutation { holdLots(input: { lotCodes: ["NO-SUCH-LOT-ME"], reason: "r", by: "b" }) { code } }', {}, key);
      expect(refused.body.errors?.[0]?.extensions?.code === 'FORBIDDEN', role).toBe(!allowed.includes('Mutation.holdLots'));
    }
  });
});

/**
 * A small world: our supplier partner S1 and another supplier S2; our customer partner C1 and
 * another customer C2. Flour from each goes into one batch of cookies, shipped to both customers.
 */
async function world(p: string) {
  const ok = async (query: string, input: unknown) => {
    const r = await api.gql(query, { input });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data;
  };
  await ok(UPSERT_SUPPLIER, { id: `${p}S1`, name: `${p}Mill One` });
  await ok(UPSERT_SUPPLIER, { id: `${p}S2`, name: `${p}Mill Two` });
  await ok(UPSERT_CUSTOMER, { id: `${p}C1`, name: `${p}Shop One` });
  await ok(UPSERT_CUSTOMER, { id: `${p}C2`, name: `${p}Shop Two` });
  await ok(RECEIVE_LOT, { ...receipt(p, 'F1', 100, 'kg', `${p}S1`), supplierLotCode: `${p}S1-LOT-7` });
  await ok(RECEIVE_LOT, { ...receipt(p, 'F2', 100, 'kg', `${p}S2`), supplierLotCode: `${p}S2-LOT-7` });
  await ok(RECORD_PRODUCTION, production(`${p}B1`, [[`${p}F1`, 10, 'kg'], [`${p}F2`, 10, 'kg']], [[`${p}COOKIE`, 100, 'each']]));
  await ok(RECORD_SHIPMENT, { shipmentId: `${p}SH1`, customerId: `${p}C1`, shippedAt: '2026-03-03T06:00:00Z', lines: [{ lotCode: `${p}COOKIE`, quantity: { amount: 30, unit: 'each' } }] });
  await ok(RECORD_SHIPMENT, { shipmentId: `${p}SH2`, customerId: `${p}C2`, shippedAt: '2026-03-03T07:00:00Z', lines: [{ lotCode: `${p}COOKIE`, quantity: { amount: 20, unit: 'each' } }] });
  const recall = await api.gql(`mutation($input: InitiateRecallInput!) { initiateRecall(input: $input) { id } }`, {
    input: { recallId: `${p}R1`, reason: 'Undeclared nuts', by: 'qa', start: { lotCodes: [`${p}F2`] }, action: 'HOLD' },
  });
  expect(recall.errors).toBeUndefined();
}

/** Every string anywhere in an answer. */
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

describe('partner scopes', () => {
  const p = uid('SCOPE');
  const customer = { ...principal('viewer', { kind: 'customer', id: `${p}C1` }) };
  const supplier = { ...principal('viewer', { kind: 'supplier', id: `${p}S1` }) };
  beforeAll(() => world(p));

  /** Asks as the partner, and checks that nothing of the others shows anywhere in the answer. */
  async function ask(as: Principal, query: string, variables: Record<string, unknown>, others: string[]) {
    const result = await api.gql(query, variables, as);
    for (const s of strings(result)) for (const other of others) expect(s, `answer holds ${other}`).not.toContain(other);
    return result;
  }

  it('tell a partner key its scope', async () => {
    const me = (await api.gql('{ me { role customerId supplierId allowed } }', {}, customer)).data.me;
    expect(me).toMatchObject({ role: 'VIEWER', customerId: `${p}C1`, supplierId: null });
    expect(me.allowed).toContain('Mutation.updateRecallNotification');
    expect(me.allowed).not.toContain('Query.batch');
  });

  it('show a customer its own shipments with the KDEs FSMA 204 says it gets, and nothing of others', async () => {
    const others = [`${p}C2`, 'Shop Two', `${p}SH2`, `${p}S1`, `${p}S2`, 'Mill', `${p}F1`, `${p}F2`, `${p}B1`];
    const r = await ask(customer, `query($a: ID!, $b: ID!, $lot: ID!, $c1: ID!, $c2: ID!) {
      mine: shipment(id: $a) { id shippedAt customer { id name } lines { quantity { amount unit } lot { code traceabilityLotCode productSku productName tlcSourceReference shipments { shipment { id } } } } }
      theirs: shipment(id: $b) { id }
      lot(code: $lot) { code shipments { shipment { id customer { id } } quantity { amount } } }
      me: customer(id: $c1) { id name shipments { id } }
      other: customer(id: $c2) { id }
    }`, { a: `${p}SH1`, b: `${p}SH2`, lot: `${p}COOKIE`, c1: `${p}C1`, c2: `${p}C2` }, others);
    expect(r.errors).toBeUndefined();
    expect(r.data.mine.lines).toEqual([{ quantity: { amount: 30, unit: 'each' }, lot: { code: `${p}COOKIE`, traceabilityLotCode: `${p}COOKIE`, productSku: 'FG-1', productName: 'Product', tlcSourceReference: null, shipments: [{ shipment: { id: `${p}SH1` } }] } }]);
    expect(r.data.theirs).toBeNull();
    expect(r.data.lot.shipments).toEqual([{ shipment: { id: `${p}SH1`, customer: { id: `${p}C1` } }, quantity: { amount: 30 } }]);
    expect(r.data.me.shipments).toEqual([{ id: `${p}SH1` }]);
    expect(r.data.other).toBeNull();
    // Lots it never received do not exist for it.
    expect((await ask(customer, `query($c: ID!) { lot(code: $c) { code } }`, { c: `${p}F1` }, others)).data.lot).toBeNull();
  });

  it('cut a customer\'s traces and recall scopes to what it received, and refuse what is ours only', async () => {
    const others = [`${p}C2`, `${p}SH2`, `${p}S1`, `${p}S2`, `${p}F1`, `${p}F2`, `${p}B1`];
    const back = await ask(customer, `query($c: ID!) { traceBackward(lotCode: $c) { lots { depth lot { code } } batches { code } suppliers { id } customers { id } shipmentLines { shipment { id } } truncated } }`, { c: `${p}COOKIE` }, others);
    expect(back.errors).toBeUndefined();
    expect(back.data.traceBackward).toEqual({ lots: [{ depth: 0, lot: { code: `${p}COOKIE` } }], batches: [], suppliers: [], customers: [{ id: `${p}C1` }], shipmentLines: [{ shipment: { id: `${p}SH1` } }], truncated: false });
    expect(codeOf(await api.gql(`query($c: ID!) { traceForward(lotCode: $c) { truncated } }`, { c: `${p}F1` }, customer))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(`query($b: ID!) { traceForward(batchCode: $b) { truncated } }`, { b: `${p}B1` }, customer))).toBe('NOT_FOUND');
    const scope = await ask(customer, `query($c: ID!) { recallScope(start: { lotCodes: [$c] }) { startLots { code } customers { customer { id } } shipmentLines { shipment { id } } sources { code } } }`, { c: `${p}COOKIE` }, others);
    expect(scope.data.recallScope).toEqual({ startLots: [{ code: `${p}COOKIE` }], customers: [{ customer: { id: `${p}C1` } }], shipmentLines: [{ shipment: { id: `${p}SH1` } }], sources: [] });
    for (const q of [`{ lot(code: "${p}COOKIE") { producedBy { code } } }`, `{ lot(code: "${p}COOKIE") { onHand { amount } } }`, `{ batch(code: "${p}B1") { code } }`, `{ fsmaRecords(filter: { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }, cte: SHIPPING) { rows } }`]) {
      expect(codeOf(await api.gql(q, {}, customer)), q).toBe('FORBIDDEN');
    }
  });

  it('show a customer the recalls that notify it, where it may acknowledge its own notice and nothing else', async () => {
    const others = [`${p}C2`, 'Shop Two', `${p}F2`, `${p}S2`];
    const r = await ask(customer, `{ recalls { id reason notifications { customer { id } status } } }`, {}, others);
    expect(r.data.recalls.filter((x: { id: string }) => x.id.startsWith(p))).toEqual([{ id: `${p}R1`, reason: 'Undeclared nuts', notifications: [{ customer: { id: `${p}C1` }, status: 'PENDING' }] }]);
    const update = `mutation($i: RecallNotificationInput!) { updateRecallNotification(input: $i) { status customer { id } } }`;
    expect(codeOf(await api.gql(update, { i: { recallId: `${p}R1`, customerId: `${p}C2`, status: 'ACKNOWLEDGED' } }, customer))).toBe('NOT_FOUND');
    expect(codeOf(await api.gql(update, { i: { recallId: `${p}R1`, customerId: `${p}C1`, status: 'NOTIFIED' } }, customer))).toBe('FORBIDDEN');
    const ack = await api.gql(update, { i: { recallId: `${p}R1`, customerId: `${p}C1`, status: 'ACKNOWLEDGED' } }, customer);
    expect(ack.errors).toBeUndefined();
    expect(ack.data.updateRecallNotification).toEqual({ status: 'ACKNOWLEDGED', customer: { id: `${p}C1` } });
    // The other customer's notice is untouched, and the company sees both.
    const all = await api.gql(`query($id: ID!) { recall(id: $id) { notifications { customer { id } status } } }`, { id: `${p}R1` });
    expect(all.data.recall.notifications).toEqual([{ customer: { id: `${p}C1` }, status: 'ACKNOWLEDGED' }, { customer: { id: `${p}C2` }, status: 'PENDING' }]);
  });

  it('show a supplier its own receipts and what became of them as totals, never a customer or another supplier', async () => {
    const others = [`${p}C1`, `${p}C2`, 'Shop', `${p}SH1`, `${p}SH2`, `${p}S2`, 'Mill Two', `${p}F2`, `${p}B1`, `${p}S2-LOT-7`];
    const r = await ask(supplier, `query($f1: ID!, $f2: ID!, $s1: ID!, $s2: ID!, $slc: String!, $slc2: String!) {
      mine: lot(code: $f1) { code supplierLotCode receivedAt quantity { amount unit } onHand { amount unit } supplier { id name }
        usage { consumed { amount unit } shipped { amount } onHand { amount } products { productSku productName lots produced { amount unit } shipped { amount unit } onHand { amount unit } } } }
      theirs: lot(code: $f2) { code }
      me: supplier(id: $s1) { id lots { code } }
      other: supplier(id: $s2) { id }
      bySupplierCode: lotsBySupplierLotCode(supplierLotCode: $slc) { code }
      otherSupplierCode: lotsBySupplierLotCode(supplierLotCode: $slc2) { code }
    }`, { f1: `${p}F1`, f2: `${p}F2`, s1: `${p}S1`, s2: `${p}S2`, slc: `${p}S1-LOT-7`, slc2: `${p}S2-LOT-7` }, others);
    expect(r.errors).toBeUndefined();
    expect(r.data.mine).toMatchObject({ code: `${p}F1`, quantity: { amount: 100, unit: 'kg' }, onHand: { amount: 90, unit: 'kg' }, supplier: { id: `${p}S1` } });
    expect(r.data.mine.usage).toEqual({
      consumed: { amount: 10, unit: 'kg' },
      shipped: { amount: 0 },
      onHand: { amount: 90 },
      products: [{ productSku: 'FG-1', productName: 'Product', lots: 1, produced: { amount: 100, unit: 'each' }, shipped: { amount: 50, unit: 'each' }, onHand: { amount: 50, unit: 'each' } }],
    });
    expect(r.data.theirs).toBeNull();
    expect(r.data.me.lots).toEqual([{ code: `${p}F1` }]);
    expect(r.data.other).toBeNull();
    expect(r.data.bySupplierCode).toEqual([{ code: `${p}F1` }]);
    expect(r.data.otherSupplierCode).toEqual([]);
    const fwd = await ask(supplier, `query($c: ID!) { traceForward(lotCode: $c) { lots { lot { code } } batches { code } customers { id } shipmentLines { quantity { amount } } suppliers { id } } }`, { c: `${p}F1` }, others);
    expect(fwd.data.traceForward).toEqual({ lots: [{ lot: { code: `${p}F1` } }], batches: [], customers: [], shipmentLines: [], suppliers: [{ id: `${p}S1` }] });
    for (const q of [`{ lot(code: "${p}F1") { shipments { quantity { amount } } } }`, `{ lot(code: "${p}F1") { consumedIn { batch { code } } } }`, `{ shipment(id: "${p}SH1") { id } }`, `{ recalls { id } }`]) {
      expect(codeOf(await api.gql(q, {}, supplier)), q).toBe('FORBIDDEN');
    }
  });
});

describe('keys', () => {
  it('are made by an admin, shown once, listed without their secret, and stop working once revoked, here at once and on another instance within seconds', async () => {
    const made = await http.gql(`mutation { createApiKey(input: { name: "line 2 scanner", role: RECORDER }) { secret key { id name role hint revokedAt } } }`);
    expect(made.body.errors).toBeUndefined();
    const { secret, key } = made.body.data.createApiKey;
    expect(secret).toMatch(/^lg_[\w-]{43}$/);
    expect(key).toMatchObject({ name: 'line 2 scanner', role: 'RECORDER', revokedAt: null });
    expect(secret.startsWith(key.hint.replace('…', ''))).toBe(true);
    const stored = await cypherRows(db, 'MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS k', { id: key.id });
    expect(JSON.stringify(stored)).not.toContain(secret.slice(3));

    const listed = await http.gql('{ apiKeys { id hint } }');
    expect(listed.body.data.apiKeys).toContainEqual({ id: key.id, hint: key.hint });
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(3));

    // Its last use is kept (to the minute, written in the background).
    await http.authenticator.flush();
    const used = (await http.gql(`{ apiKeys { id lastUsedAt } }`)).body.data.apiKeys.find((k: { id: string }) => k.id === key.id);
    expect(used.lastUsedAt).toBeNull();
    expect((await http.gql('{ health { neo4j } }', {}, secret)).status).toBe(200);
    await http.authenticator.flush();
    const usedNow = (await http.gql(`{ apiKeys { id lastUsedAt } }`)).body.data.apiKeys.find((k: { id: string }) => k.id === key.id);
    expect(Date.now() - Date.parse(usedNow.lastUsedAt)).toBeLessThan(60_000);

    const other = await startHttp(db);
    try {
      expect((await http.gql('{ health { neo4j } }', {}, secret)).status).toBe(200);
      expect((await other.gql('{ health { neo4j } }', {}, secret)).status).toBe(200);
      const revoked = await http.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.id });
      expect(revoked.body.data.revokeApiKey.revokedAt).toMatch(/^20/);
      expect((await http.gql('{ health { neo4j } }', {}, secret)).status).toBe(401);
      const refused = await waitForStatus(async () => (await other.gql('{ health { neo4j } }', {}, secret)).status, 401);
      expect(refused.status).toBe(401);
      expect(refused.ms).toBeLessThan(5_000);
    } finally {
      await other.close();
    }
  });

  it('refuse a partner key with a role beyond viewer, or for a customer that does not exist', async () => {
    expect(codeOf(await api.gql(`mutation { createApiKey(input: { name: "x", role: QUALITY, customerId: "NOPE" }) { secret } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.gql(`mutation { createApiKey(input: { name: "x", role: VIEWER, customerId: "NO-SUCH-CUSTOMER" }) { secret } }`))).toBe('NOT_FOUND');
  });
});

describe('the audit log', () => {
  it('records every mutation, accepted or refused, with the key, a digest of the input and the outcome; an accepted one in its own transaction', async () => {
    const p = uid('AUDIT');
    const { secret, key } = (await http.gql(`mutation { createApiKey(input: { name: "audited recorder", role: RECORDER }) { secret key { id } } }`)).body.data.createApiKey;
    const viewer = (await http.gql(`mutation { createApiKey(input: { name: "audited viewer", role: VIEWER }) { secret key { id } } }`)).body.data.createApiKey;
    const input = receipt(p, 'A1', 5, 'kg', `${p}SUP`);
    expect((await http.gql(UPSERT_SUPPLIER, { input: { id: `${p}SUP`, name: 'Mill' } }, secret)).status).toBe(200);
    expect((await http.gql(RECEIVE_LOT, { input }, secret)).body.errors).toBeUndefined();
    expect((await http.gql(RECEIVE_LOT, { input: { ...input, lotCode: `${p}A2`, quantity: { amount: -1, unit: 'kg' } } }, secret)).body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await http.gql(RECEIVE_LOT, { input: { ...input, lotCode: `${p}A3` } }, viewer.secret)).status).toBe(403);
    expect((await http.gql(RECEIVE_LOT, { input: { ...input, lotCode: `${p}A4` } }, null)).status).toBe(401);

    const page = await http.gql(`query($f: AuditFilter) { auditLog(filter: $f, first: 50) { records { keyId keyName operation outcome lotCodes inputDigest at } nextCursor } }`, { f: { operation: 'receiveLot', from: new Date(Date.now() - 60_000).toISOString() } });
    const mine = page.body.data.auditLog.records.filter((r: { lotCodes: string[] }) => r.lotCodes.some((c) => c.startsWith(p)));
    expect(mine.map((r: any) => [r.keyId, r.lotCodes[0], r.outcome])).toEqual([
      [null, `${p}A4`, 'UNAUTHENTICATED'],
      [viewer.key.id, `${p}A3`, 'FORBIDDEN'],
      [key.id, `${p}A2`, 'BAD_USER_INPUT'],
      [key.id, `${p}A1`, 'OK'],
    ]);
    expect(mine[3].keyName).toBe('audited recorder');
    expect(mine[3].inputDigest).toMatch(/^[0-9a-f]{64}$/);
    // A request without a key naming a mutation many times leaves one record per mutation named.
    const many = `mutation($input: ReceiveLotInput!, $h: HoldLotsInput!) { ${Array.from({ length: 25 }, (_, i) => `r${i}: receiveLot(input: $input) { code } h${i}: holdLots(input: $h) { code }`).join(' ')} }`;
    expect((await http.gql(many, { input: { ...input, lotCode: `${p}MANY` }, h: { lotCodes: [`${p}MANY`], reason: 'x', by: 'x' } }, null)).status).toBe(401);
    const manyRecords = await cypherRows(db, 'MATCH (a:AuditRecord) WHERE $c IN a.lotCodes RETURN a.operation AS operation, a.outcome AS outcome ORDER BY operation', { c: `${p}MANY` });
    expect(manyRecords).toEqual([{ operation: 'holdLots', outcome: 'UNAUTHENTICATED' }, { operation: 'receiveLot', outcome: 'UNAUTHENTICATED' }]);
    // By lot code, and a page at a time.
    const byLot = await http.gql(`query($l: ID!) { auditLog(filter: { lotCode: $l }) { records { outcome } } }`, { l: `${p}A1` });
    expect(byLot.body.data.auditLog.records).toEqual([{ outcome: 'OK' }]);
    const first = (await http.gql(`query($k: ID!) { auditLog(filter: { keyId: $k }, first: 1) { records { operation lotCodes } nextCursor } }`, { k: key.id })).body.data.auditLog;
    const second = (await http.gql(`query($k: ID!, $a: String) { auditLog(filter: { keyId: $k }, first: 5, after: $a) { records { operation lotCodes } nextCursor } }`, { k: key.id, a: first.nextCursor })).body.data.auditLog;
    expect([...first.records, ...second.records].map((r: any) => r.operation)).toEqual(['receiveLot', 'receiveLot', 'upsertSupplier']);
    expect(second.nextCursor).toBeNull();
    // The audit log is the admin's.
    expect((await http.gql('{ auditLog { records { id } } }', {}, secret)).status).toBe(403);
  });

  it('keeps the writing key beside a free-text "by", and never records a write that did not commit', async () => {
    const p = uid('AUDITBY');
    const quality = { ...principal('quality'), keyId: `${p}key` };
    await api.gql(UPSERT_SUPPLIER, { input: { id: `${p}SUP`, name: 'Mill' } });
    await api.gql(RECEIVE_LOT, { input: receipt(p, 'L1', 5, 'kg', `${p}SUP`) });
    const hold = await api.gql(`mutation($i: HoldLotsInput!) { holdLots(input: $i) { code status } }`, { i: { lotCodes: [`${p}L1`], reason: 'check', by: 'Dana' } }, quality);
    expect(hold.errors).toBeUndefined();
    const [event] = await cypherRows(db, 'MATCH (e:HoldEvent)-[:ON_LOT]->(:Lot {code: $c}) RETURN e.by AS by, e.byKeyId AS keyId', { c: `${p}L1` });
    expect(event).toEqual({ by: 'Dana', keyId: `${p}key` });
    // Shipping more than is on hand fails inside the write: nothing of it stays, its record says so.
    await api.gql(UPSERT_CUSTOMER, { input: { id: `${p}C`, name: 'Shop' } });
    await api.gql(`mutation($i: ReleaseLotsInput!) { releaseLots(input: $i) { code } }`, { i: { lotCodes: [`${p}L1`], reason: 'ok', by: 'Dana' } }, quality);
    const over = await api.gql(RECORD_SHIPMENT, { input: { shipmentId: `${p}SH`, customerId: `${p}C`, shippedAt: '2026-03-03T06:00:00Z', lines: [{ lotCode: `${p}L1`, quantity: { amount: 6, unit: 'kg' } }] } }, quality);
    expect(codeOf(over)).toBe('INSUFFICIENT_QUANTITY');
    // Productions and shipments commit as their one statement ends (db.writeAlone): the statement
    // writes the record with the write and only then; a repeat that writes nothing is recorded on its own.
    const batch = production(`${p}B1`, [[`${p}L1`, 2, 'kg']], [[`${p}OUT`, 2, 'kg']]);
    expect((await api.gql(RECORD_PRODUCTION, { input: batch }, quality)).errors).toBeUndefined();
    expect((await api.gql(RECORD_PRODUCTION, { input: batch }, quality)).errors).toBeUndefined();
    const tooMuch = await api.gql(RECORD_PRODUCTION, { input: production(`${p}B2`, [[`${p}L1`, 4, 'kg']], [[`${p}OUT2`, 4, 'kg']]) }, quality);
    expect(codeOf(tooMuch)).toBe('INSUFFICIENT_QUANTITY');
    const records = await cypherRows(db, 'MATCH (a:AuditRecord {keyId: $k}) RETURN a.operation AS operation, a.outcome AS outcome ORDER BY a.at', { k: `${p}key` });
    expect(records).toEqual([
      { operation: 'holdLots', outcome: 'OK' },
      { operation: 'releaseLots', outcome: 'OK' },
      { operation: 'recordShipment', outcome: 'INSUFFICIENT_QUANTITY' },
      { operation: 'recordProduction', outcome: 'OK' },
      { operation: 'recordProduction', outcome: 'OK' },
      { operation: 'recordProduction', outcome: 'INSUFFICIENT_QUANTITY' },
    ]);
    expect(await cypherRows(db, 'MATCH (s:Shipment {id: $id}) RETURN s', { id: `${p}SH` })).toEqual([]);
    expect(await cypherRows(db, 'MATCH (b:Batch {code: $c}) RETURN b', { c: `${p}B2` })).toEqual([]);
    // The lock a refused statement took leaves no mark on the lot.
    expect(await cypherRows(db, 'MATCH (l:Lot {code: $c}) RETURN l.onHandBase AS base, l._lock AS lock', { c: `${p}L1` })).toEqual([{ base: 3_000_000_000_000n, lock: null }]);
  });

  it('holds exactly one record per acknowledged write under racing writers', async () => {
    const p = uid('AUDITRACE');
    await api.gql(UPSERT_SUPPLIER, { input: { id: `${p}SUP`, name: 'Mill' } });
    const writers = Array.from({ length: 8 }, (_, i) => ({ ...principal('recorder'), keyId: `${p}w${i}` }));
    // Each writer receives its own lots and all race on one shared code: one wins, the rest
    // get back the same lot (the very same input), and every one of them is recorded once.
    const results = await Promise.all(
      writers.flatMap((w, i) => [
        api.gql(RECEIVE_LOT, { input: receipt(p, `OWN${i}`, 1, 'kg', `${p}SUP`) }, w),
        api.gql(RECEIVE_LOT, { input: receipt(p, 'SHARED', 1, 'kg', `${p}SUP`) }, w),
      ]),
    );
    expect(results.map(codeOf)).toEqual(results.map(() => undefined));
    const rows = await cypherRows(db, 'MATCH (a:AuditRecord) WHERE a.keyId STARTS WITH $p RETURN a.keyId AS k, a.outcome AS o, a.lotCodes[0] AS lot', { p });
    expect(rows).toHaveLength(16);
    expect(rows.every((r) => r.o === 'OK')).toBe(true);
    expect(await cypherRows(db, 'MATCH (l:Lot) WHERE l.code STARTS WITH $p RETURN count(l) AS n', { p })).toEqual([{ n: 9n }]);
  });
});

