/**
 * Across companies, between real instances: a mill, a bakery and a grocer, each with its own
 * Neo4j and its own lotgraph process, linked as their admins would link them.
 */
import { once } from 'node:events';
import http from 'node:http';
import { calculateJwkThumbprint, CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChain, type Company, freePort, ok, startCompanies, stopCompanies } from './companies.js';
import { cypherRows } from './helpers.js';

// A deadline for what crosses the three companies, not a target: the first recall on freshly started
// databases took 17 s with the machine to itself (BENCHMARKS.md, Across companies), and more than 30 s
// beside the rest of the suite on a slow day. A poll ends as soon as it holds.
const SLOW = { timeout: 90_000, interval: 200 };
// Long enough for a cold Neo4j to plan a first answer on a busy machine; the slow partner takes three times it.
const TIMEOUT_MS = 5_000;

let mill: Company;
let bakery: Company;
let grocer: Company;
let keys: Awaited<ReturnType<typeof buildChain>>;
/** Between the bakery and the grocer: fails the first notices it carries, then passes everything on. */
let flaky: { server: http.Server; failed: number; url: string };

function flakyProxy(target: () => string, failFirst: number) {
  const state = { server: null as unknown as http.Server, failed: 0, url: '' };
  state.server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'POST' && req.url?.startsWith('/partners/v1/recall-notices') && state.failed < failFirst) {
      state.failed += 1;
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'down for maintenance' }] }));
      return;
    }
    const answer = await fetch(target() + req.url, { method: req.method, headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
  });
  return state;
}

beforeAll(async () => {
  [mill, bakery, grocer] = await startCompanies(
    [
      { label: 'mill', name: 'Prairie Mill', portBase: 23_000 },
      { label: 'bakery', name: 'Sunrise Bakery', portBase: 25_000 },
      { label: 'grocer', name: 'Fresh Grocer', portBase: 27_000 },
    ],
    { LOTGRAPH_PARTNER_TIMEOUT_MS: String(TIMEOUT_MS), LOTGRAPH_PARTNER_RETRY_MS: '300' },
  );
  flaky = flakyProxy(() => grocer.base, 2);
  flaky.server.listen(0, '127.0.0.1');
  await once(flaky.server, 'listening');
  flaky.url = `http://127.0.0.1:${(flaky.server.address() as { port: number }).port}`;
  keys = await buildChain(mill, bakery, grocer, { grocerUrl: flaky.url });
}, 240_000);

afterAll(async () => {
  flaky?.server.close();
  await stopCompanies([mill, bakery, grocer].filter(Boolean));
}, 120_000);

const TRACE = `query($lot: ID!) { traceBackward(lotCode: $lot, acrossPartners: true) {
  lots { lot { code } }
  partnerLineage { hop tlc lot { code } answeredBy answeredAt keyId statement inputs { tlc productName quantity { amount unit } tlcSource tlcSourceGln supplierName } }
  partnerProblems { hop partner tlc reason }
} }`;

/** Everything a company's database holds, as text. */
async function everything(c: Company) {
  const rows = await cypherRows(c.db, 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN labels(n) AS l, properties(n) AS p, collect(properties(r)) AS rs');
  return JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? String(v) : v));
}

describe('a trace across companies', () => {
  it("takes the bakery's backward trace of a cookie lot into the mill's wheat lots, signed by the mill", async () => {
    const t = ok(await bakery.gql(TRACE, { lot: 'COOKIE-1' })).traceBackward;
    expect(t.lots.map((l: any) => l.lot.code).sort()).toEqual(['COOKIE-1', 'DOUGH-1', 'FLOUR-IN-1', 'SUGAR-1']);
    expect(t.partnerProblems).toEqual([]);
    expect(t.partnerLineage).toHaveLength(1);
    const step = t.partnerLineage[0];
    expect(step).toMatchObject({ hop: 1, tlc: 'FLOUR-0301', lot: { code: 'FLOUR-IN-1' }, answeredBy: 'Prairie Mill' });
    expect(step.inputs.map((i: any) => [i.tlc, i.supplierName, i.tlcSource]).sort()).toEqual([
      ['HF-2026-07', 'Hill Farm', 'Hill Farm, field 7'],
      ['HF-2026-08', 'Hill Farm', 'Hill Farm, field 7'],
    ]);
    // An auditor checks the statement with the mill's published key, not with lotgraph's word.
    const published = (await (await fetch(`${mill.base}/.well-known/lotgraph`)).json()) as { instanceId: string; keys: any[] };
    expect(step.keyId).toBe(published.instanceId);
    const verified = await compactVerify(step.statement, await importJWK(published.keys[0]!, 'EdDSA'));
    const claims = JSON.parse(new TextDecoder().decode(verified.payload));
    expect(claims).toMatchObject({ typ: 'lotgraph.lineage/1', issName: 'Prairie Mill', tlc: 'FLOUR-0301' });
    // The bakery kept it as the mill's statement.
    const kept = ok(await bakery.gql('{ partnerStatements(kind: "lineage") { company subject jws link } }')).partnerStatements;
    expect(kept).toContainEqual({ company: 'Prairie Mill', subject: 'FLOUR-0301', jws: step.statement, link: 'supplier:MILL' });
  });

  it("goes on up the chain as far as each company shares: the grocer's cookie lot reaches the mill's wheat through the bakery", async () => {
    const t = ok(await grocer.gql(TRACE, { lot: 'CK-IN-1' })).traceBackward;
    expect(t.partnerProblems).toEqual([]);
    const byHop = (hop: number) => t.partnerLineage.filter((s: any) => s.hop === hop);
    expect(byHop(1)).toHaveLength(1);
    expect(byHop(1)[0]).toMatchObject({ tlc: 'COOKIE-1', answeredBy: 'Sunrise Bakery', lot: { code: 'CK-IN-1' } });
    expect(byHop(1)[0].inputs.map((i: any) => [i.tlc, i.supplierName]).sort()).toEqual([['FLOUR-0301', 'Prairie Mill'], ['SC-9', 'Sugar Co']]);
    expect(byHop(2)).toHaveLength(1);
    expect(byHop(2)[0]).toMatchObject({ tlc: 'FLOUR-0301', answeredBy: 'Prairie Mill', lot: null });
    expect(byHop(2)[0].inputs.map((i: any) => i.tlc).sort()).toEqual(['HF-2026-07', 'HF-2026-08']);
    // Never another customer: not the mill's other bakery, not the bakery's cafe.
    const text = JSON.stringify(t) + (await everything(grocer));
    for (const other of ['OTHERBAKE', 'Other Bakehouse', 'CAFE', 'Corner Cafe', 'FLOUR-0302']) expect(text).not.toContain(other);
  });

  it("shares nothing of a lot the asking customer did not receive, and nothing with a key that does not share lineage", async () => {
    // FLOUR-0302 went to the mill's other bakery only.
    const asked = await fetch(`${mill.base}/partners/v1/lineage?tlc=FLOUR-0302`, { headers: { authorization: `Bearer ${keys.millForBakery}` } });
    const body = (await asked.json()) as { statement: string };
    expect(asked.status).toBe(200);
    const claims = JSON.parse(Buffer.from(body.statement.split('.')[1]!, 'base64url').toString());
    expect(claims.lots).toEqual([]);
    const plainKey = ok(await mill.gql('mutation { createApiKey(input: { name: "no lineage", role: VIEWER, customerId: "BAKERY" }) { secret } }')).createApiKey.secret;
    const refused = await fetch(`${mill.base}/partners/v1/lineage?tlc=FLOUR-0301`, { headers: { authorization: `Bearer ${plainKey}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    // A supplier's key is not a customer's.
    const supplierKey = await fetch(`${bakery.base}/partners/v1/lineage?tlc=COOKIE-1`, { headers: { authorization: `Bearer ${keys.bakeryForMill}` } });
    expect(supplierKey.status).toBe(403);
    await supplierKey.text();
  });
});

describe('a recall that travels', () => {
  it("reaches the grocer's lotgraph as a pending recall of the right cookie lots, acknowledged back to the mill", async () => {
    const t0 = Date.now();
    ok(await mill.gql('mutation($i: InitiateRecallInput!) { initiateRecall(input: $i) { id } }', {
      i: { recallId: 'R-FLOUR-1', reason: 'Undeclared sesame in flour', classification: 'Class I', by: 'QA Mill', start: { lotCodes: ['FLOUR-0301'] }, action: 'HOLD' },
    }));
    const PENDING = '{ recalls(status: PENDING) { id reason classification action start { code } scope { lots { lot { code } } } origin { company recallId supplier { id } statement { jws company } } } }';
    let grocerRecall: any;
    await expect
      .poll(async () => {
        grocerRecall = ok(await grocer.gql(PENDING)).recalls[0];
        return grocerRecall?.id ?? null;
      }, SLOW)
      .toBe('IN-BAKERY-IN-MILL-R-FLOUR-1');
    const elapsedMs = Date.now() - t0;
    console.info(`recall at the mill to a pending recall at the grocer: ${elapsedMs} ms (with two failed deliveries on the way)`);
    expect(grocerRecall.start.map((l: any) => l.code)).toEqual(['CK-IN-1']);
    expect(grocerRecall.classification).toBe('Class I');
    expect(grocerRecall.action).toBe('HOLD');
    // Where the chain began, and the company that told the grocer.
    expect(grocerRecall.reason).toBe('Prairie Mill recall R-FLOUR-1, via Sunrise Bakery (its IN-MILL-R-FLOUR-1): Undeclared sesame in flour');
    expect(grocerRecall.origin).toMatchObject({ company: 'Sunrise Bakery', recallId: 'IN-MILL-R-FLOUR-1', supplier: { id: 'BAKERY' }, statement: { company: 'Sunrise Bakery' } });

    // The bakery's pending recall: its flour lot and everything made of it; nothing held yet.
    const bakeryRecall = ok(await bakery.gql('{ recall(id: "IN-MILL-R-FLOUR-1") { status start { code } scope { lots { lot { code status } } } } }')).recall;
    expect(bakeryRecall.status).toBe('PENDING');
    expect(bakeryRecall.start).toEqual([{ code: 'FLOUR-IN-1' }]);
    expect(bakeryRecall.scope.lots.map((l: any) => l.lot.code).sort()).toEqual(['COOKIE-1', 'DOUGH-1', 'FLOUR-IN-1']);
    expect(bakeryRecall.scope.lots.every((l: any) => l.lot.status === 'AVAILABLE')).toBe(true);

    // Acknowledged back, by itself: the mill's notice to the bakery, the bakery's to the grocer.
    const NOTIFICATIONS = '{ recall(id: $id) { notifications { customer { id } status acknowledgedAt note acknowledgement deliveries { what detail } } timeline { at what } } }';
    await expect
      .poll(async () => ok(await mill.gql(NOTIFICATIONS.replace('$id', '"R-FLOUR-1"'))).recall.notifications.map((n: any) => `${n.customer.id}:${n.status}`), SLOW)
      .toEqual(['BAKERY:ACKNOWLEDGED', 'OTHERBAKE:PENDING']);
    const atMill = ok(await mill.gql(NOTIFICATIONS.replace('$id', '"R-FLOUR-1"'))).recall;
    const toBakery = atMill.notifications[0];
    expect(toBakery.note).toContain("Acknowledged by Sunrise Bakery's lotgraph: pending recall IN-MILL-R-FLOUR-1");
    expect(toBakery.acknowledgement.split('.')).toHaveLength(3);
    expect(toBakery.deliveries.map((d: any) => `${d.what}${d.detail && d.what !== 'acknowledged' ? `: ${d.detail}` : ''}`)).toEqual(['acknowledged']);
    expect(atMill.timeline.map((e: any) => e.what)).toEqual(['recall initiated', 'notice to Sunrise Bakery: acknowledged']);
    // The other bakery has no lotgraph linked: its notice stays for a person to send.
    expect(atMill.notifications[1].deliveries).toEqual([]);

    await expect
      .poll(async () => ok(await bakery.gql(NOTIFICATIONS.replace('$id', '"IN-MILL-R-FLOUR-1"'))).recall.notifications.map((n: any) => `${n.customer.id}:${n.status}`), SLOW)
      .toEqual(['CAFE:PENDING', 'GROCER:ACKNOWLEDGED']);
    const atBakery = ok(await bakery.gql(NOTIFICATIONS.replace('$id', '"IN-MILL-R-FLOUR-1"'))).recall;
    const toGrocer = atBakery.notifications[1];
    // The first two deliveries met a grocer down for maintenance; the third got through.
    expect(toGrocer.deliveries.map((d: any) => d.what)).toEqual(['attempt 1 failed', 'attempt 2 failed', 'acknowledged']);
    expect(toGrocer.deliveries[0].detail).toContain('answered HTTP 503: down for maintenance');
    expect(flaky.failed).toBe(2);
    expect(atBakery.timeline.map((e: any) => e.what)).toEqual([
      "pending recall opened by a notice from Prairie Mill's lotgraph (its recall R-FLOUR-1)",
      'notice to Fresh Grocer: attempt 1 failed',
      'notice to Fresh Grocer: attempt 2 failed',
      'notice to Fresh Grocer: acknowledged',
    ]);
  });

  it("lets the bakery's quality manager confirm the pending recall, which then holds its lots", async () => {
    const confirmed = ok(await bakery.gql('mutation { confirmRecall(input: { recallId: "IN-MILL-R-FLOUR-1", by: "QA Bakery" }) { status action confirmedBy changedLots { code status } timeline { what } } }')).confirmRecall;
    expect(confirmed).toMatchObject({ status: 'OPEN', action: 'HOLD', confirmedBy: 'QA Bakery' });
    // The dough was all made into cookies: nothing of it is left to hold.
    expect(confirmed.changedLots.map((l: any) => [l.code, l.status]).sort()).toEqual([['COOKIE-1', 'ON_HOLD'], ['FLOUR-IN-1', 'ON_HOLD']]);
    expect(confirmed.timeline.map((e: any) => e.what)).toContain('confirmed');
    // Again: nothing changes.
    const again = ok(await bakery.gql('mutation { confirmRecall(input: { recallId: "IN-MILL-R-FLOUR-1", by: "QA Bakery" }) { status changedLots { code } } }')).confirmRecall;
    expect(again.changedLots).toHaveLength(2);
  });

  it('records a repeated notice once, and refuses one that is forged, unkeyed or from a customer', async () => {
    const [notice] = ok(await bakery.gql('{ partnerStatements(kind: "recallNotice") { jws subject } }')).partnerStatements;
    expect(notice.subject).toBe('R-FLOUR-1');
    const post = (statement: unknown, key: string | null) =>
      fetch(`${bakery.base}/partners/v1/recall-notices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ statement }),
      });
    const recallsBefore = (await cypherRows(bakery.db, 'MATCH (r:Recall) RETURN count(r) AS n'))[0]!.n;
    // Three deliveries of the same notice at once (a sender whose lease ran out retries while the first is in flight).
    const repeats = await Promise.all([1, 2, 3].map(() => post(notice.jws, keys.bakeryForMill)));
    for (const repeat of repeats) {
      expect(repeat.status).toBe(200);
      const ack = JSON.parse(Buffer.from(((await repeat.json()) as any).statement.split('.')[1], 'base64url').toString());
      expect(ack).toMatchObject({ typ: 'lotgraph.recallAck/1', recallId: 'R-FLOUR-1', localRecallId: 'IN-MILL-R-FLOUR-1', matchedTlcs: ['FLOUR-0301'] });
    }

    // The same content, signed with a key that is not the mill's.
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const content = JSON.parse(Buffer.from(notice.jws.split('.')[1], 'base64url').toString());
    const kid = content.iss;
    const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify({ ...content, recall: { ...content.recall, id: 'R-FORGED' }, iat: Math.floor(Date.now() / 1000) })))
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .sign(privateKey);
    expect(await calculateJwkThumbprint(await exportJWK(publicKey))).not.toBe(kid);
    const refused = await post(forged, keys.bakeryForMill);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).errors[0].message).toContain('signature does not verify');
    const unsigned = await post({ recall: { id: 'R-PLAIN' } }, keys.bakeryForMill);
    expect(unsigned.status).toBe(400);
    await unsigned.text();
    const noKey = await post(notice.jws, null);
    expect(noKey.status).toBe(401);
    await noKey.text();
    const customerKey = await post(notice.jws, keys.bakeryForGrocer);
    expect(customerKey.status).toBe(403);
    await customerKey.text();

    expect((await cypherRows(bakery.db, 'MATCH (r:Recall) RETURN count(r) AS n'))[0]!.n).toBe(recallsBefore);
    const kept = await cypherRows(bakery.db, "MATCH (s:PartnerStatement) WHERE s.jws CONTAINS $forged OR s.subject IN ['R-FORGED', 'R-PLAIN'] RETURN count(s) AS n", { forged: forged.split('.')[2] });
    expect(kept[0]!.n).toBe(0n);
  });

  it('keeps scopes across the wire: the mill never learns of the grocer', async () => {
    const text = await everything(mill);
    for (const hidden of ['GROCER', 'Fresh Grocer', 'STORE-9', 'CK-IN-1']) expect(text).not.toContain(hidden);
    expect(text).toContain('Sunrise Bakery');
  });
});

describe('a partner that fails', () => {
  /** A stand-in for a supplier's lotgraph that misbehaves. */
  async function fakePartner(handler: http.RequestListener) {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
  }

  it('leaves the local trace whole and names each problem: down, slow, garbage, too large, the wrong key', async () => {
    const pinned = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const pinnedJwk = await exportJWK(pinned.publicKey);
    const pinnedKid = await calculateJwkThumbprint(pinnedJwk);
    const slow = await fakePartner((_req, res) => void setTimeout(() => res.writeHead(200).end('{}'), TIMEOUT_MS * 3));
    const garbage = await fakePartner((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"statement": 42}'));
    // 17 MB of a statement, with no Content-Length to warn of it.
    const huge = await fakePartner((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"statement": "');
      for (let i = 0; i < 17; i += 1) res.write('x'.repeat(1024 * 1024));
      res.end('"}');
    });
    const forger = await fakePartner(async (req, res) => {
      const tlc = new URL(req.url!, 'http://x').searchParams.get('tlc');
      const aud = new URL(req.url!, 'http://x').searchParams.get('aud');
      const claims = { typ: 'lotgraph.lineage/1', iss: pinnedKid, issName: 'Forger', aud, iat: Math.floor(Date.now() / 1000), tlc, gtin: null, lots: [], upstream: [], problems: [] };
      const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'EdDSA', kid: pinnedKid }).sign(other.privateKey);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ statement: jws }));
    });
    const closedPort = await freePort();
    try {
      const partners = [
        { id: 'DOWN', url: `http://127.0.0.1:${closedPort}`, reason: /unreachable/ },
        { id: 'SLOW', url: slow.url, reason: new RegExp(`no answer within ${TIMEOUT_MS} ms`) },
        { id: 'GARBAGE', url: garbage.url, reason: /not a signed statement/ },
        { id: 'HUGE', url: huge.url, reason: /answered with more than 16 MB/ },
        { id: 'FORGER', url: forger.url, reason: /signature does not verify/ },
      ];
      const inputs = [];
      for (const p of partners) {
        ok(await bakery.gql('mutation($i: SupplierInput!) { upsertSupplier(input: $i) { id } }', { i: { id: p.id, name: `${p.id} Co` } }));
        ok(await bakery.gql('mutation($i: LinkPartnerInput!) { linkPartner(input: $i) { id } }', {
          i: { supplierId: p.id, baseUrl: p.url, key: 'lg_whatever-they-issued', publicKey: JSON.stringify(pinnedJwk), partnerName: `${p.id} Co` },
        }));
        ok(await bakery.gql('mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
          i: { lotCode: `IN-${p.id}`, productSku: 'OIL', productName: 'Oil', supplierId: p.id, supplierLotCode: `${p.id}-LOT`, quantity: { amount: 10, unit: 'kg' }, receivedAt: '2026-11-20T08:00:00Z' },
        }));
        inputs.push({ lotCode: `IN-${p.id}`, quantity: { amount: 1, unit: 'kg' } });
      }
      // And a flour lot from the mill (which the mill shipped only to another bakery: it answers, with nothing).
      ok(await bakery.gql('mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
        i: { lotCode: 'FLOUR-IN-2', productSku: 'FLOUR', productName: 'Bread flour', supplierId: 'MILL', supplierLotCode: 'FLOUR-0302', quantity: { amount: 10, unit: 'kg' }, receivedAt: '2026-11-20T08:00:00Z' },
      }));
      ok(await bakery.gql('mutation($i: ProductionInput!) { recordProduction(input: $i) { code } }', {
        i: { batchCode: 'BAK-OIL', producedAt: '2026-11-21T08:00:00Z', inputs: [...inputs, { lotCode: 'FLOUR-IN-2', quantity: { amount: 1, unit: 'kg' } }], outputs: [{ lotCode: 'BISCUIT-1', productSku: 'BISCUIT', productName: 'Biscuits', quantity: { amount: 5, unit: 'kg' } }] },
      }));
      const t0 = Date.now();
      const t = ok(await bakery.gql(TRACE, { lot: 'BISCUIT-1' })).traceBackward;
      // In parallel: about one timeout, not four.
      expect(Date.now() - t0).toBeLessThan(TIMEOUT_MS * 3);
      expect(t.lots.map((l: any) => l.lot.code).sort()).toEqual(['BISCUIT-1', 'FLOUR-IN-2', 'IN-DOWN', 'IN-FORGER', 'IN-GARBAGE', 'IN-HUGE', 'IN-SLOW']);
      // The mill still answered for its flour, and shared nothing of a lot it did not ship us.
      expect(t.partnerLineage.map((s: any) => [s.answeredBy, s.tlc, s.inputs])).toEqual([['Prairie Mill', 'FLOUR-0302', []]]);
      expect(t.partnerProblems).toHaveLength(partners.length);
      for (const p of partners) {
        const problem = t.partnerProblems.find((x: any) => x.partner === `${p.id} Co`);
        expect(problem, p.id).toBeDefined();
        expect(problem.tlc).toBe(`${p.id}-LOT`);
        expect(problem.reason).toMatch(p.reason);
      }
      // Nothing unsigned, or signed with another key, is kept as a partner's statement.
      const kept = await cypherRows(bakery.db, "MATCH (s:PartnerStatement) WHERE s.linkId STARTS WITH 'supplier:' AND s.linkId <> 'supplier:MILL' RETURN count(s) AS n");
      expect(kept[0]!.n).toBe(0n);
    } finally {
      for (const f of [slow, garbage, huge, forger]) f.server.close();
    }
  }, 30_000);

  it('refuses a link whose key the partner does not know, or that stands for the wrong side', async () => {
    const bad = await bakery.gql('mutation($i: LinkPartnerInput!) { linkPartner(input: $i) { id } }', { i: { supplierId: 'MILL', baseUrl: mill.base, key: 'lg_not-a-key-the-mill-issued' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('The key was refused');
    // The mill's key for the bakery is a customer key: it cannot stand for the bakery as the mill's supplier.
    const wrongSide = await mill.gql('mutation($i: LinkPartnerInput!) { linkPartner(input: $i) { id } }', { i: { customerId: 'BAKERY', baseUrl: bakery.base, key: keys.bakeryForGrocer } });
    expect(wrongSide.errors?.[0]?.message).toContain('The key is not the one a customer issues to its supplier');
    // The link the bakery has still works, and its key is never shown.
    const links = ok(await bakery.gql('{ partnerLinks { id keyHint partnerName partnerKeyId } }')).partnerLinks;
    const toMill = links.find((l: any) => l.id === 'supplier:MILL');
    expect(toMill.partnerName).toBe('Prairie Mill');
    expect(toMill.keyHint).toBe(`${keys.millForBakery.slice(0, 9)}…`);
    expect(await everything(bakery)).not.toContain(keys.millForBakery);
  });
});
