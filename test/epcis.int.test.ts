import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDigit } from '../src/gs1/identifiers.js';
import { eventHash } from '../src/epcis/hash.js';
import { schemaCheck } from '../src/epcis/capture.service.js';
import { importEvents } from '../src/bulk/bulk.service.js';
import { loadDemo } from '../src/demo/bakery.js';
import { cypherRows, newGtin13, uid, withHttp } from './helpers.js';

const { db, http } = withHttp();

/** A GLN with a right check digit that no other test has used. */
function newGln(): string {
  const body = `8${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`;
  return body + checkDigit(body);
}
/** An SSCC with a right check digit. */
function newSscc(): string {
  const body = `0${String(Math.floor(Math.random() * 1e16)).padStart(16, '0')}`;
  return body + checkDigit(body);
}

const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const doc = (eventList: unknown[]) => ({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-01T00:00:00Z', epcisBody: { eventList } });
const lgtin = (gtin: string, lot: string) => `https://id.gs1.org/01/${gtin.padStart(14, '0')}/10/${lot}`;
const sgln = (gln: string) => `https://id.gs1.org/414/${gln}`;
const pgln = (gln: string) => `https://id.gs1.org/417/${gln}`;

interface Job {
  captureID: string;
  running: boolean;
  success?: boolean;
  errors: { pointer: string; detail: string; code: string }[];
  summary?: Record<string, any>;
}

/** POST /epcis/capture, then the job once it has finished. */
async function capture(document: unknown): Promise<{ status: number; job: Job | null; problem: any }> {
  const res = await http.fetch('/epcis/capture', { method: 'POST', headers: { 'content-type': 'application/ld+json' }, body: JSON.stringify(document) });
  const body = await res.json();
  if (res.status !== 202) return { status: res.status, job: null, problem: body };
  const location = res.headers.get('location')!;
  expect(location).toBe(`/epcis/capture/${body.captureID}`);
  for (;;) {
    const polled = await http.fetch(location);
    const job = (await polled.json()) as Job;
    expect(polled.status, JSON.stringify(job)).toBe(200);
    expect(typeof job.running, JSON.stringify(job)).toBe('boolean');
    if (!job.running) {
      expect(typeof job.success, JSON.stringify(job)).toBe('boolean');
      return { status: 202, job, problem: null };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A company: an own plant, a mill that supplies it, a shop it ships to, flour and cookies with GTINs. */
async function company() {
  const p = uid('EP');
  const c = { p, plant: newGln(), millParty: newGln(), millSite: newGln(), shopParty: newGln(), shopSite: newGln(), flour: newGtin13(), cookies: newGtin13() };
  await cypherRows(
    db,
    `CREATE (:Location {id: $p + 'PLANT', businessName: 'Plant ' + $p, gln: $plant, own: true}),
            (:Supplier {id: $p + 'MILL', name: 'Mill ' + $p, gln: $millParty}),
            (:Location {id: $p + 'MILL-SITE', businessName: 'Mill site ' + $p, gln: $millSite, own: false}),
            (:Customer {id: $p + 'SHOP', name: 'Shop ' + $p, gln: $shopParty}),
            (:Product {sku: $p + 'FLOUR', name: 'Flour ' + $p, gtin: '0' + $flour}),
            (:Product {sku: $p + 'COOKIES', name: 'Cookies ' + $p, gtin: '0' + $cookies})`,
    c,
  );
  return c;
}
type Company = Awaited<ReturnType<typeof company>>;

const receiving = (c: Company, lot: string, kg: number, extra: Record<string, unknown> = {}) => ({
  type: 'ObjectEvent',
  eventID: `urn:uuid:${crypto.randomUUID()}`,
  eventTime: '2026-03-01T08:00:00.000-05:00',
  eventTimeZoneOffset: '-05:00',
  action: 'OBSERVE',
  bizStep: 'receiving',
  disposition: 'in_progress',
  readPoint: { id: sgln(c.plant) },
  bizLocation: { id: sgln(c.plant) },
  quantityList: [{ epcClass: lgtin(c.flour, lot), quantity: kg, uom: 'KGM' }],
  bizTransactionList: [{ type: 'desadv', bizTransaction: `urn:epcglobal:cbv:bt:${c.millParty}:ASN-${lot}` }],
  sourceList: [
    { type: 'owning_party', source: pgln(c.millParty) },
    { type: 'location', source: sgln(c.millSite) },
  ],
  destinationList: [{ type: 'owning_party', destination: pgln(c.plant) }],
  ...extra,
});

const transformation = (c: Company, flourLot: string, kg: number, cookieLot: string, cases: number) => ({
  type: 'TransformationEvent',
  eventID: `urn:uuid:${crypto.randomUUID()}`,
  eventTime: '2026-03-02T10:00:00.000-05:00',
  eventTimeZoneOffset: '-05:00',
  bizStep: 'commissioning',
  readPoint: { id: sgln(c.plant) },
  bizLocation: { id: sgln(c.plant) },
  inputQuantityList: [{ epcClass: lgtin(c.flour, flourLot), quantity: kg, uom: 'KGM' }],
  outputQuantityList: [{ epcClass: lgtin(c.cookies, cookieLot), quantity: cases, uom: 'CS' }],
});

const packing = (c: Company, sscc: string, cookieLot: string, cases: number) => ({
  type: 'AggregationEvent',
  eventID: `urn:uuid:${crypto.randomUUID()}`,
  eventTime: '2026-03-03T07:00:00.000-05:00',
  eventTimeZoneOffset: '-05:00',
  parentID: `https://id.gs1.org/00/${sscc}`,
  action: 'ADD',
  bizStep: 'packing',
  readPoint: { id: sgln(c.plant) },
  childQuantityList: [{ epcClass: lgtin(c.cookies, cookieLot), quantity: cases, uom: 'CS' }],
});

const shipping = (c: Company, what: { sscc?: string; cookieLot?: string; cases?: number }) => ({
  type: 'ObjectEvent',
  eventID: `urn:uuid:${crypto.randomUUID()}`,
  eventTime: '2026-03-03T09:00:00.000-05:00',
  eventTimeZoneOffset: '-05:00',
  action: 'OBSERVE',
  bizStep: 'shipping',
  disposition: 'in_transit',
  readPoint: { id: sgln(c.plant) },
  ...(what.sscc ? { epcList: [`https://id.gs1.org/00/${what.sscc}`] } : {}),
  ...(what.cookieLot ? { quantityList: [{ epcClass: lgtin(c.cookies, what.cookieLot), quantity: what.cases, uom: 'CS' }] } : {}),
  bizTransactionList: [{ type: 'bol', bizTransaction: `urn:epcglobal:cbv:bt:${c.plant}:BOL-1` }],
  sourceList: [{ type: 'owning_party', source: pgln(c.plant) }],
  destinationList: [
    { type: 'owning_party', destination: pgln(c.shopParty) },
    { type: 'location', destination: sgln(c.shopSite) },
  ],
});

const count = async (text: string, params: Record<string, unknown>) => Number((await cypherRows<{ n: number }>(db, text, params))[0].n);

describe('EPCIS capture', () => {
  it('records the three CTEs and the pallet pattern: a receipt, a transformation, a packed pallet shipped, traced end to end', async () => {
    const c = await company();
    const sscc = newSscc();
    const { job } = await capture(doc([receiving(c, 'F1', 500), transformation(c, 'F1', 100, 'C1', 400), packing(c, sscc, 'C1', 150), shipping(c, { sscc })]));
    expect(job).toMatchObject({ success: true, errors: [], summary: { events: 4, receipts: 1, productions: 1, packings: 1, shipments: 1, repeats: 0 } });

    const flourCode = `0${c.flour}-F1`;
    const [flour] = await cypherRows(
      db,
      `MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot {code: $code})
       RETURN s.id AS supplier, l.supplierLotCode AS tlc, l.quantity AS quantity, l.unit AS unit, l.onHand AS onHand, l.productSku AS sku,
              l.referenceDocument AS doc, l.referenceDocumentType AS docType, l.receivedAtLocationId AS at, l.tlcSourceLocationId AS source,
              toString(l.receivedAt) AS receivedAt`,
      { code: flourCode },
    );
    expect(flour).toEqual({
      supplier: `${c.p}MILL`, tlc: 'F1', quantity: 500, unit: 'kg', onHand: 400, sku: `${c.p}FLOUR`, doc: 'ASN-F1', docType: 'Despatch advice',
      at: `${c.p}PLANT`, source: `${c.p}MILL-SITE`, receivedAt: '2026-03-01T13:00:00Z',
    });
    // The cookies are counted in cases, and keep that code; the pallet shipped 150 of the 400.
    // Lot numbers repeat across products: a produced lot is coded {gtin}-{lot} too, its lot number its TLC.
    const cookieCode = `0${c.cookies}-C1`;
    const [cookies] = await cypherRows(db, 'MATCH (b:Batch)-[:PRODUCED]->(l:Lot {code: $code}) RETURN l.unit AS unit, l.countCode AS countCode, l.onHand AS onHand, l.lotNumber AS lotNumber, b.locationId AS at', { code: cookieCode });
    expect(cookies).toEqual({ unit: 'each', countCode: 'CS', onHand: 250, lotNumber: 'C1', at: `${c.p}PLANT` });
    const described = await http.gql(`query($code: ID!) { lot(code: $code) { code traceabilityLotCode identifier } }`, { code: cookieCode });
    expect(described.body.data.lot).toEqual({ code: cookieCode, traceabilityLotCode: 'C1', identifier: lgtin(c.cookies, 'C1') });
    const [line] = await cypherRows(db, 'MATCH (l:Lot {code: $code})-[r:SHIPPED_TO]->(cu:Customer) RETURN cu.id AS customer, r.quantity AS quantity, r.shipmentId AS shipment', { code: cookieCode });
    expect(line).toMatchObject({ customer: `${c.p}SHOP`, quantity: 150 });
    // Every event is kept, linked to what it recorded.
    expect(await count('MATCH (e:EpcisEvent)-[:RECORDED_AS]->(x) WHERE e.captureId = $id RETURN count(x) AS n', { id: job!.captureID })).toBe(3);

    // The quality manager's question, asked with the cookie lot's GS1 identifier.
    const traced = await http.gql(`query($code: ID!) { traceBackward(lotCode: $code) { lots { lot { code } } suppliers { id } } }`, { code: lgtin(c.cookies, 'C1') });
    expect(traced.body.data.traceBackward.lots.map((l: any) => l.lot.code)).toContain(flourCode);
    expect(traced.body.data.traceBackward.suppliers).toEqual([{ id: `${c.p}MILL` }]);
    const forward = await http.gql(`query($code: ID!) { traceForward(lotCode: $code) { customers { id } } }`, { code: flourCode });
    expect(forward.body.data.traceForward.customers).toEqual([{ id: `${c.p}SHOP` }]);
  });

  it('receives a pallet observed on arrival (AggregationEvent OBSERVE with a child quantity list)', async () => {
    const c = await company();
    const sscc = newSscc();
    const { job } = await capture(doc([{
      type: 'AggregationEvent', eventTime: '2026-03-05T06:00:00Z', eventTimeZoneOffset: '+00:00', parentID: `urn:epc:id:sscc:${sscc.slice(1, 8)}.${sscc[0]}${sscc.slice(8, 17)}`,
      action: 'OBSERVE', bizStep: 'receiving', bizLocation: { id: sgln(c.plant) },
      childQuantityList: [{ epcClass: lgtin(c.flour, 'P1'), quantity: 40, uom: 'LBR' }, { epcClass: lgtin(c.flour, 'P2'), quantity: 10, uom: 'KGM' }],
      sourceList: [{ type: 'possessing_party', source: pgln(c.millParty) }],
    }]));
    expect(job).toMatchObject({ success: true, summary: { receipts: 1 } });
    const lots = await cypherRows(db, 'MATCH (:Supplier {id: $s})-[:SUPPLIED]->(l:Lot) RETURN l.supplierLotCode AS tlc, l.quantity AS q, l.unit AS unit ORDER BY tlc', { s: `${c.p}MILL` });
    expect(lots).toEqual([{ tlc: 'P1', q: 40, unit: 'lb' }, { tlc: 'P2', q: 10, unit: 'kg' }]);
  });

  it('captures the same event once: by eventID, or by the event hash where there is none, whatever the field order or identifier form', async () => {
    const c = await company();
    const first = receiving(c, 'D1', 20);
    expect((await capture(doc([first]))).job).toMatchObject({ success: true, summary: { receipts: 1, repeats: 0 } });
    expect((await capture(doc([first]))).job).toMatchObject({ success: true, summary: { receipts: 0, repeats: 1 } });

    const { eventID: _, ...noId } = receiving(c, 'D2', 30);
    const reordered = Object.fromEntries(Object.entries(noId).reverse());
    // The same lot as a URN and with the time at UTC: the same event.
    const asUrn = { ...reordered, eventTime: '2026-03-01T13:00:00Z', quantityList: [{ uom: 'KGM', quantity: 30.0, epcClass: lgtin(c.flour, 'D2').replace('https://id.gs1.org', 'https://brand.example.com') }] };
    expect(eventHash(asUrn as never)).toBe(eventHash(noId as never));
    expect((await capture(doc([noId, asUrn]))).job).toMatchObject({ success: true, summary: { receipts: 1, repeats: 1 } });
    expect((await capture(doc([asUrn]))).job).toMatchObject({ success: true, summary: { repeats: 1 } });
    expect(await count('MATCH (l:Lot {supplierLotCode: "D2"}) WHERE l.productSku = $sku RETURN count(l) AS n', { sku: `${c.p}FLOUR` })).toBe(1);
    expect(await count('MATCH (e:EpcisEvent {eventId: $id}) RETURN count(e) AS n', { id: eventHash(noId as never) })).toBe(1);

    // The same eventID with other content is refused.
    const { job } = await capture(doc([{ ...first, quantityList: [{ epcClass: lgtin(c.flour, 'D1'), quantity: 21, uom: 'KGM' }] }]));
    expect(job).toMatchObject({ success: false, errors: [{ pointer: '/epcisBody/eventList/0', code: 'ALREADY_EXISTS' }] });
  });

  it('a second delivery of the same supplier lot is a lot of its own', async () => {
    const c = await company();
    const { job } = await capture(doc([receiving(c, 'TW', 10), receiving(c, 'TW', 15)]));
    expect(job).toMatchObject({ success: true, summary: { receipts: 2 } });
    const codes = (await cypherRows(db, 'MATCH (l:Lot {supplierLotCode: "TW"}) WHERE l.productSku = $sku RETURN l.code AS code, l.quantity AS q ORDER BY q', { sku: `${c.p}FLOUR` }));
    expect(codes[0]).toEqual({ code: `0${c.flour}-TW`, q: 10 });
    expect(codes[1].code).toMatch(new RegExp(`^0${c.flour}-TW-[0-9A-F]{8}$`));
  });

  it('creates places, parties and products known only by GLN or GTIN as stubs, which the KDE gap list names', async () => {
    const c = await company();
    const strangerParty = newGln();
    const strangerGtin = newGtin13();
    const event = receiving(c, 'S1', 5, {
      quantityList: [{ epcClass: lgtin(strangerGtin, 'S1'), quantity: 5, uom: 'KGM' }],
      sourceList: [{ type: 'owning_party', source: pgln(strangerParty) }],
    });
    const { job } = await capture(doc([event]));
    expect(job).toMatchObject({ success: true, summary: { receipts: 1, stubs: { supplier: [`GLN-${strangerParty}`], product: [`GTIN-0${strangerGtin}`] } } });
    const [stubs] = await cypherRows(db, 'MATCH (s:Supplier {gln: $gln})-[:SUPPLIED]->(l:Lot) MATCH (p:Product {gtin: $gtin}) RETURN s.stub AS supplier, p.stub AS product, l.productSku AS sku', { gln: strangerParty, gtin: `0${strangerGtin}` });
    expect(stubs).toEqual({ supplier: true, product: true, sku: `GTIN-0${strangerGtin}` });
    const gaps = await http.gql(`query { kdeGaps(filter: { from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" }) { recordId missing } }`);
    const gap = gaps.body.data.kdeGaps.find((g: any) => g.recordId === `0${strangerGtin}-S1`);
    expect(gap.missing).toEqual(expect.arrayContaining(['Product: name', 'Immediate previous source: phone']));
    // Describing the product makes it a record like any other.
    await http.gql(`mutation($sku: ID!, $gtin: String) { upsertProduct(input: { sku: $sku, name: "Rye flour", gtin: $gtin }) { sku } }`, { sku: `GTIN-0${strangerGtin}`, gtin: `0${strangerGtin}` });
    expect((await cypherRows(db, 'MATCH (p:Product {gtin: $gtin}) RETURN p.stub AS stub', { gtin: `0${strangerGtin}` }))[0].stub).toBeNull();
  });

  it('refuses a document the schema rejects with problem JSON naming each bad event, and writes nothing', async () => {
    const c = await company();
    const good = receiving(c, 'B1', 5);
    const { eventTime: _, ...noTime } = receiving(c, 'B2', 5);
    const res = await capture(doc([good, noTime, { ...receiving(c, 'B3', 5), action: 'MAYBE' }]));
    expect(res.status).toBe(400);
    expect(res.problem).toMatchObject({ type: 'epcisException:ValidationException', status: 400 });
    const pointers = res.problem.errors.map((e: any) => e.pointer);
    expect(pointers).toContain('/epcisBody/eventList/1');
    expect(pointers.some((p: string) => p.startsWith('/epcisBody/eventList/2'))).toBe(true);
    expect(pointers.some((p: string) => p.startsWith('/epcisBody/eventList/0'))).toBe(false);
    expect(await count('MATCH (l:Lot) WHERE l.productSku = $sku RETURN count(l) AS n', { sku: `${c.p}FLOUR` })).toBe(0);

    const notJson = await http.fetch('/epcis/capture', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "EPCISDocument", ' });
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await notJson.json()).type).toBe('epcisException:ValidationException');
  });

  it('refuses a document that breaks lotgraph\'s rules, all of it: more shipped than on hand, an unknown lot, no supplier', async () => {
    const c = await company();
    const events = [
      receiving(c, 'R1', 50),
      { ...transformation(c, 'R1', 60, 'RC1', 10) },
      transformation(c, 'NOPE', 1, 'RC2', 1),
      receiving(c, 'R2', 5, { sourceList: [] }),
    ];
    const { job } = await capture(doc(events));
    expect(job?.success).toBe(false);
    expect(job?.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ pointer: '/epcisBody/eventList/2/inputQuantityList/0/epcClass', code: 'NOT_FOUND' }),
      expect.objectContaining({ pointer: '/epcisBody/eventList/3/sourceList' }),
    ]));
    expect(await count('MATCH (l:Lot) WHERE l.productSku IN [$a, $b] RETURN count(l) AS n', { a: `${c.p}FLOUR`, b: `${c.p}COOKIES` })).toBe(0);
    expect(await count('MATCH (e:EpcisEvent {captureId: $id}) RETURN count(e) AS n', { id: job!.captureID })).toBe(0);

    // The stock check: once the unknown lot and the missing supplier are mended, 60 kg of 50 is what is left.
    const mended = await capture(doc([events[0], events[1]]));
    expect(mended.job?.errors).toEqual([expect.objectContaining({ pointer: '/epcisBody/eventList/1', code: 'INSUFFICIENT_QUANTITY' })]);
    expect(await count('MATCH (l:Lot) WHERE l.productSku = $a RETURN count(l) AS n', { a: `${c.p}FLOUR` })).toBe(0);
  });

  it('keeps an event at another company\'s location as that partner\'s lineage: it moves no stock here', async () => {
    const c = await company();
    const { job } = await capture(doc([{ ...receiving(c, 'X1', 9), readPoint: { id: sgln(c.millSite) }, bizLocation: { id: sgln(c.millSite) } }]));
    expect(job).toMatchObject({ success: true, summary: { receipts: 0, partner: 1 } });
    expect(await count('MATCH (l:Lot {supplierLotCode: "X1"}) WHERE l.productSku = $sku RETURN count(l) AS n', { sku: `${c.p}FLOUR` })).toBe(0);
    expect(await count('MATCH (e:EpcisEvent {captureId: $id, use: "partner", gln: $gln}) RETURN count(e) AS n', { id: job!.captureID, gln: c.millSite })).toBe(1);
  });

  const EXAMPLES = new URL('./fixtures/epcis/gs1-examples/', import.meta.url);
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.jsonld')))('captures GS1\'s example %s', async (file) => {
    const document = JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8'));
    // GS1's examples reuse eventIDs from file to file with other content: each is captured as the
    // first document to name them (the tests share one database, and it outlives a run).
    const ids = document.epcisBody.eventList.map((e: any) => e.eventID ?? eventHash(e, document['@context']));
    await cypherRows(db, 'MATCH (e:EpcisEvent) WHERE e.eventId IN $ids DETACH DELETE e', { ids });
    const { job } = await capture(document);
    expect(job?.errors).toEqual([]);
    expect(job?.success).toBe(true);
    expect(job?.summary?.events).toBe(ids.length);
    // Kept as they came, and a second time all repeats.
    expect(await count('MATCH (e:EpcisEvent {captureId: $id}) RETURN count(e) AS n', { id: job!.captureID })).toBe(new Set(ids).size);
    expect((await capture(document)).job?.summary?.repeats).toBe(ids.length);
  });

  it('takes one event at /epcis/events: 201, then 200 for the same event again, and gives it back', async () => {
    const c = await company();
    const event = { '@context': CONTEXT, ...receiving(c, 'E1', 7) };
    const send = () => http.fetch('/epcis/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/epcis/events/${encodeURIComponent(event.eventID)}`);
    expect(await first.json()).toMatchObject({ eventID: event.eventID, receipts: 1 });
    const again = await send();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ repeats: 1, receipts: 0 });
    const back = await http.fetch(first.headers.get('location')!);
    expect(back.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(await back.json()).toEqual(event);

    const bad = await http.fetch('/epcis/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ '@context': CONTEXT, ...receiving(c, 'E2', 7), quantityList: [{ epcClass: lgtin(c.flour, 'E2'), quantity: 7, uom: 'BLL' }] }) });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ pointer: '/quantityList/0/uom' })]);
  });

  it('records an event once when a partner sends it twice at the same time (a retry after a timeout)', async () => {
    const c = await company();
    for (let round = 0; round < 3; round += 1) {
      const event = { '@context': CONTEXT, ...transformation(c, 'R0', 1, `RC${round}`, 1), eventID: `urn:uuid:${crypto.randomUUID()}` };
      if (round === 0) await capture(doc([receiving(c, 'R0', 100)]));
      const send = () => http.fetch('/epcis/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
      const answers = await Promise.all([send(), send(), send()]);
      const statuses = answers.map((a) => a.status).sort();
      await Promise.all(answers.map((a) => a.text()));
      expect(statuses).toEqual([200, 200, 201]);
      expect(await count('MATCH (l:Lot {code: $code}) RETURN count(l) AS n', { code: `0${c.cookies}-RC${round}` })).toBe(1);
      expect(await count('MATCH (e:EpcisEvent {eventId: $id}) RETURN count(e) AS n', { id: event.eventID })).toBe(1);
    }
    // Each of the three batches drew its kilogram once.
    expect((await cypherRows(db, 'MATCH (l:Lot {code: $code}) RETURN l.onHand AS kg', { code: `0${c.flour}-R0` }))[0].kg).toBe(97);
  });

  it('needs a recorder\'s key to capture, and any company key to read a job', async () => {
    const viewer = (await http.gql(`mutation { createApiKey(input: { name: "epcis viewer", role: VIEWER }) { secret } }`)).body.data.createApiKey.secret;
    const body = JSON.stringify(doc([]));
    expect((await http.fetch('/epcis/capture', { method: 'POST', key: null, headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    const refused = await http.fetch('/epcis/capture', { method: 'POST', key: viewer, headers: { 'content-type': 'application/json' }, body });
    expect(refused.status).toBe(403);
    await refused.text();
    const { job } = await capture(doc([]));
    const read = await http.fetch(`/epcis/capture/${job!.captureID}`, { key: viewer });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ success: true, summary: { events: 0 } });
    const missing = await http.fetch('/epcis/capture/no-such-job');
    expect(missing.status).toBe(404);
    expect((await missing.json()).type).toBe('epcisException:NoSuchResourceException');
  });
});

describe('EPCIS query and export', () => {
  /** The official schema, as the tests hold every document lotgraph writes to it. */
  const valid = (document: unknown) => {
    const problems = schemaCheck(document);
    expect(problems).toEqual([]);
  };

  /** A company's history recorded through the bulk importer (as GraphQL or a spreadsheet would): no EPCIS in it. */
  async function history() {
    const c = await company();
    const sugar = `${c.p}SUGAR`;
    await cypherRows(db, `MATCH (s:Supplier {id: $p + 'MILL'}) SET s.locationId = $p + 'MILL-SITE'
                          WITH s MATCH (cu:Customer {id: $p + 'SHOP'}) SET cu.locationId = $p + 'SHOP-SITE'
                          CREATE (:Location {id: $p + 'SHOP-SITE', businessName: 'Shop site ' + $p, gln: $shopSite, own: false, street: '1 Main St', city: 'Salem', country: 'US'}),
                                 (:Product {sku: $sugar, name: 'Sugar ' + $p})`, { ...c, sugar });
    await importEvents(db, [
      { type: 'receipt', lotCode: `${c.p}FL-1`, productSku: `${c.p}FLOUR`, productName: `Flour ${c.p}`, supplierId: `${c.p}MILL`, supplierLotCode: 'MILL-77',
        quantity: { amount: 500, unit: 'kg' }, receivedAt: '2026-04-01T08:00:00Z', referenceDocument: 'BOL-9', referenceDocumentType: 'BOL',
        receivedAtLocationId: `${c.p}PLANT`, tlcSourceLocationId: `${c.p}MILL-SITE`, tlcSourceReference: 'FDA-123' },
      { type: 'receipt', lotCode: `${c.p}SU-1`, productSku: sugar, productName: `Sugar ${c.p}`, supplierId: `${c.p}MILL`, supplierLotCode: 'SUG-5',
        quantity: { amount: 50, unit: 'lb' }, receivedAt: '2026-04-01T09:00:00Z', receivedAtLocationId: `${c.p}PLANT` },
      { type: 'production', batchCode: `${c.p}B-1`, producedAt: '2026-04-02T10:00:00Z', locationId: `${c.p}PLANT`, referenceDocument: 'WO-1', referenceDocumentType: 'Production order',
        inputs: [{ lotCode: `${c.p}FL-1`, quantity: { amount: 100, unit: 'kg' } }, { lotCode: `${c.p}SU-1`, quantity: { amount: 10, unit: 'lb' } }],
        outputs: [{ lotCode: `${c.p}CK-1`, productSku: `${c.p}COOKIES`, productName: `Cookies ${c.p}`, quantity: { amount: 400, unit: 'each' } }] },
      { type: 'shipment', shipmentId: `${c.p}SH-1`, customerId: `${c.p}SHOP`, shippedAt: '2026-04-03T07:00:00Z', fromLocationId: `${c.p}PLANT`, referenceDocument: 'INV-3', referenceDocumentType: 'Invoice',
        lines: [{ lotCode: `${c.p}CK-1`, quantity: { amount: 150, unit: 'each' } }] },
    ]);
    return c;
  }

  it('answers the query interface with lotgraph\'s records as events, page by page, valid against the schema', async () => {
    const c = await history();
    const flour = lgtin(c.flour, 'MILL-77');
    const page = async (path: string) => {
      const res = await http.fetch(path);
      const body = await res.json();
      expect(res.status).toBe(200);
      valid(body);
      return { body, next: /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null };
    };
    const { body } = await page(`/epcis/events?MATCH_epcClass=${encodeURIComponent(flour)}`);
    const events = body.epcisBody.queryResults.resultsBody.eventList;
    // The receipt and the batch name the flour lot; the shipment does not.
    expect(events.map((e: any) => [e.type, e.bizStep])).toEqual([['ObjectEvent', 'receiving'], ['TransformationEvent', 'commissioning']]);
    const [receipt, batch] = events;
    expect(receipt).toMatchObject({
      eventTime: '2026-04-01T08:00:00Z', bizLocation: { id: sgln(c.plant) },
      quantityList: [{ epcClass: flour, quantity: 500, uom: 'KGM' }],
      sourceList: [{ type: 'owning_party', source: pgln(c.millParty) }, { type: 'location', source: sgln(c.millSite) }],
      bizTransactionList: [{ bizTransaction: `urn:epcglobal:cbv:bt:${c.millParty}:BOL-9` }],
      'lotgraph:lots': [{ epcClass: flour, code: `${c.p}FL-1`, tlcSourceLocation: sgln(c.millSite), tlcSourceReference: 'FDA-123' }],
    });
    // Sugar has no GTIN: lotgraph's own URI names its lot.
    expect(batch.inputQuantityList).toEqual([
      { epcClass: flour, quantity: 100, uom: 'KGM' },
      { epcClass: `https://lotgraph.invalid/id/lot/${encodeURIComponent(`${c.p}SU-1`)}`, quantity: 10, uom: 'LBR' },
    ]);
    expect(batch.outputQuantityList).toEqual([{ epcClass: lgtin(c.cookies, `${c.p}CK-1`), quantity: 400, uom: 'EA' }]);

    // Paged one at a time over the company's three days: every event once, in time order.
    const seen: string[] = [];
    let next: string | null = '/epcis/events?perPage=1&GE_eventTime=2026-04-01T00:00:00Z&LT_eventTime=2026-04-04T00:00:00Z&EQ_bizStep=receiving,shipping,commissioning';
    while (next) {
      const p: { body: any; next: string | null } = await page(next);
      seen.push(...p.body.epcisBody.queryResults.resultsBody.eventList.filter((e: any) => JSON.stringify(e).includes(c.p)).map((e: any) => e.bizStep));
      next = p.next;
    }
    expect(seen).toEqual(['receiving', 'receiving', 'commissioning', 'shipping']);

    const wrongToken = await http.fetch(`/epcis/events?perPage=1&nextPageToken=${Buffer.from('{"t":"x","key":"y","q":"z"}').toString('base64url')}`);
    expect(wrongToken.status).toBe(400);
    expect((await wrongToken.json()).type).toBe('epcisException:QueryParameterException');
    const unknown = await http.fetch('/epcis/events?EQ_readPoint=x');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).detail).toMatch(/EQ_readPoint/);
  });

  it('gives a partner\'s key its own events only: a customer its shipments', async () => {
    const c = await history();
    const key = (await http.gql(`mutation($id: ID) { createApiKey(input: { name: "epcis shop", role: VIEWER, customerId: $id }) { secret } }`, { id: `${c.p}SHOP` })).body.data.createApiKey.secret;
    const res = await http.fetch('/epcis/events?GE_eventTime=2026-04-01T00:00:00Z&LT_eventTime=2026-04-04T00:00:00Z', { key });
    expect(res.status).toBe(200);
    const events = (await res.json()).epcisBody.queryResults.resultsBody.eventList;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e: any) => e.bizStep === 'shipping' && e.destinationList[0].destination === pgln(c.shopParty))).toBe(true);
    const exported = await http.fetch(`/epcis/export?lotCode=${c.p}CK-1`, { key });
    expect(exported.status).toBe(403);
    await exported.text();
  });

  it('tells partners of a correction made through GraphQL: the voided record\'s event with an error declaration naming the corrected one', async () => {
    const c = await history();
    const fixed = await http.gql(`mutation($input: ShipmentInput!) { correctShipment(reason: "120 cases left, not 150", input: $input) { id } }`, {
      input: { shipmentId: `${c.p}SH-1`, customerId: `${c.p}SHOP`, shippedAt: '2026-04-03T07:00:00Z', fromLocationId: `${c.p}PLANT`, referenceDocument: 'INV-3', referenceDocumentType: 'Invoice', lines: [{ lotCode: `${c.p}CK-1`, quantity: { amount: 120, unit: 'each' } }] },
    });
    expect(fixed.body.errors).toBeUndefined();
    const res = await http.fetch(`/epcis/events?EQ_bizStep=shipping&MATCH_epcClass=${encodeURIComponent(lgtin(c.cookies, `${c.p}CK-1`))}`);
    const body = await res.json();
    expect(schemaCheck(body)).toEqual([]);
    const events = body.epcisBody.queryResults.resultsBody.eventList;
    expect(events).toHaveLength(2);
    const voided = events.find((e: any) => e.errorDeclaration);
    const current = events.find((e: any) => !e.errorDeclaration);
    expect(voided.quantityList[0].quantity).toBe(150);
    expect(current.quantityList[0].quantity).toBe(120);
    expect(voided.eventID).not.toBe(current.eventID);
    expect(voided.errorDeclaration).toMatchObject({ reason: 'incorrect_data', correctiveEventIDs: [current.eventID], 'lotgraph:reason': '120 cases left, not 150' });
  });

  it('round trip: a trace\'s events exported, the records removed, the document captured again: the same traces, balances and FDA rows', async () => {
    const c = await history();
    const snapshot = async () => {
      const traced = await http.gql(`query($code: ID!) { traceBackward(lotCode: $code) { lots { lot { code traceabilityLotCode onHand { amount unit } } depth } customers { id } } }`, { code: `${c.p}CK-1` });
      const forward = await http.gql(`query($code: ID!) { traceForward(lotCode: $code) { lots { lot { code onHand { amount unit } } } customers { id } } }`, { code: `${c.p}FL-1` });
      const rows: Record<string, unknown> = {};
      for (const cte of ['RECEIVING', 'TRANSFORMATION', 'SHIPPING']) {
        const r = await http.gql(`query($cte: CriticalTrackingEvent!, $codes: [String!]) { fsmaRecords(filter: { from: "2026-04-01T00:00:00Z", to: "2026-04-04T00:00:00Z", lotCodes: $codes }, cte: $cte) { columns rows } }`,
          { cte, codes: [`${c.p}FL-1`, `${c.p}SU-1`, `${c.p}CK-1`] });
        rows[cte] = r.body.data.fsmaRecords;
      }
      return { backward: traced.body.data, forward: forward.body.data, rows };
    };
    const before = await snapshot();
    expect(before.backward.traceBackward.lots).toHaveLength(3);

    const res = await http.fetch(`/epcis/export?lotCode=${encodeURIComponent(lgtin(c.cookies, `${c.p}CK-1`))}`);
    expect(res.status).toBe(200);
    const exported = await res.json();
    valid(exported);
    expect(exported.epcisBody.eventList.map((e: any) => e.bizStep)).toEqual(['receiving', 'receiving', 'commissioning', 'shipping']);
    const vocab = exported.epcisHeader.epcisMasterData.vocabularyList;
    expect(vocab[0].vocabularyElementList.map((v: any) => v.id)).toEqual(expect.arrayContaining([sgln(c.plant), sgln(c.millSite), sgln(c.shopSite)]));
    expect(vocab[1].vocabularyElementList.find((v: any) => v.id === `https://id.gs1.org/01/0${c.flour}`).attributes).toContainEqual({ id: 'urn:epcglobal:cbv:mda#descriptionShort', attribute: `Flour ${c.p}` });

    // The company's records gone (its places, parties and products kept, as a new instance would have them described).
    await cypherRows(db, `MATCH (x) WHERE (x:Lot OR x:Batch OR x:Shipment) AND (x.code STARTS WITH $p OR x.id STARTS WITH $p) DETACH DELETE x`, { p: c.p });
    expect((await http.gql(`query($code: ID!) { lot(code: $code) { code } }`, { code: `${c.p}CK-1` })).body.data.lot).toBeNull();

    const { job } = await capture(exported);
    expect(job).toMatchObject({ success: true, errors: [], summary: { receipts: 2, productions: 1, shipments: 1 } });
    expect(await snapshot()).toEqual(before);
  });
});

describe('EPCIS error declarations', () => {
  it('an ErrorDeclaration voids what the event recorded, the corrective event records the right one, and the query says both', async () => {
    const c = await company();
    const wrong = receiving(c, 'ED1', 500);
    expect((await capture(doc([wrong]))).job).toMatchObject({ success: true, summary: { receipts: 1 } });
    const code = `0${c.flour}-ED1`;

    const corrective = receiving(c, 'ED1', 450);
    const declaration = { ...wrong, errorDeclaration: { declarationTime: '2026-03-02T09:00:00Z', reason: 'incorrect_data', correctiveEventIDs: [corrective.eventID] } };
    const { job } = await capture(doc([declaration, corrective]));
    expect(job).toMatchObject({ success: true, errors: [], summary: { declarations: 1, receipts: 1 } });
    const [lot] = await cypherRows(db, 'MATCH (l:Lot {code: $code}) RETURN l.quantity AS q', { code });
    expect(lot).toEqual({ q: 450 });
    expect(await cypherRows(db, 'MATCH (l:VoidedLot {code: $code}) RETURN l.quantity AS q', { code })).toEqual([{ q: 500 }]);
    const history = await http.gql(`query($code: ID!) { lot(code: $code) { corrections { kind reason by } } }`, { code });
    expect(history.body.data.lot.corrections).toEqual([{ kind: 'RECEIPT', reason: `EPCIS error declaration of ${wrong.eventID}: incorrect_data`, by: 'bootstrap admin' }]);

    // Partners who query see the declared event with its declaration, and the corrective one.
    const res = await http.fetch(`/epcis/events?MATCH_epcClass=${encodeURIComponent(lgtin(c.flour, 'ED1'))}`);
    const body = await res.json();
    expect(schemaCheck(body)).toEqual([]);
    const events = body.epcisBody.queryResults.resultsBody.eventList;
    // (Both at the same time: in the order of their ids.)
    expect(events.map((e: any) => [e.eventID, e.errorDeclaration?.correctiveEventIDs ?? null])).toEqual(
      [[wrong.eventID, [corrective.eventID]], [corrective.eventID, null]].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
    );
    // The same declaration again changes nothing.
    expect((await capture(doc([declaration]))).job).toMatchObject({ success: true, summary: { declarations: 0, repeats: 1 } });
  });

  it('refuses a declaration whose event\'s lot later records used, naming them, and writes nothing', async () => {
    const c = await company();
    const received = receiving(c, 'ED2', 100);
    await capture(doc([received, transformation(c, 'ED2', 10, 'EC2', 5)]));
    const { job } = await capture(doc([{ ...received, errorDeclaration: { declarationTime: '2026-03-03T00:00:00Z', reason: 'incorrect_data' } }]));
    expect(job).toMatchObject({ success: false, errors: [{ pointer: '/epcisBody/eventList/0', code: 'BAD_USER_INPUT' }] });
    expect(job!.errors[0].detail).toMatch(/production/);
    expect(await cypherRows(db, 'MATCH (l:VoidedLot {code: $code}) RETURN l', { code: `0${c.flour}-ED2` })).toEqual([]);
  });

  it('a correction through GraphQL is declared on the captured event it voids', async () => {
    const c = await company();
    const sent = receiving(c, 'ED3', 70);
    await capture(doc([sent]));
    const voided = await http.gql(`mutation($id: ID!) { voidRecord(input: { kind: RECEIPT, id: $id, reason: "entered twice" }) { id } }`, { id: `0${c.flour}-ED3` });
    expect(voided.body.errors).toBeUndefined();
    const res = await http.fetch(`/epcis/events?MATCH_epcClass=${encodeURIComponent(lgtin(c.flour, 'ED3'))}`);
    const [event] = (await res.json()).epcisBody.queryResults.resultsBody.eventList;
    expect(event).toMatchObject({ eventID: sent.eventID, errorDeclaration: { reason: 'incorrect_data', 'lotgraph:reason': 'entered twice' } });
  });
});

describe('partner lineage', () => {
  it('a supplier\'s transformation captured beside our receipt takes the backward trace one step into its production', async () => {
    const c = await company();
    const wheat = newGtin13();
    const millTransformation = {
      type: 'TransformationEvent', eventID: `urn:uuid:${crypto.randomUUID()}`, eventTime: '2026-02-27T06:00:00Z', eventTimeZoneOffset: '+00:00',
      bizStep: 'commissioning', readPoint: { id: sgln(c.millSite) }, bizLocation: { id: sgln(c.millSite) },
      inputQuantityList: [{ epcClass: `urn:epc:class:lgtin:${`0${wheat}`.slice(1, 8)}.0${`0${wheat}`.slice(8, 13)}.W-77`, quantity: 12, uom: 'TNE' }],
      outputQuantityList: [{ epcClass: lgtin(c.flour, 'PL1'), quantity: 10_000, uom: 'KGM' }],
    };
    const { job } = await capture(doc([millTransformation, receiving(c, 'PL1', 500), transformation(c, 'PL1', 100, 'PC1', 40)]));
    expect(job).toMatchObject({ success: true, summary: { partner: 1, receipts: 1, productions: 1 } });
    // The mill's event moved no stock here: its 10 t of flour are the mill's.
    expect(await count('MATCH (l:Lot) WHERE l.productSku = $sku RETURN count(l) AS n', { sku: `${c.p}FLOUR` })).toBe(1);

    const traced = await http.gql(`query($code: ID!) { traceBackward(lotCode: $code) {
      lots { lot { code } }
      partnerSteps { lot { code } eventId at gln locationName inputs { epcClass gtin lotNumber quantity uom } } } }`, { code: lgtin(c.cookies, 'PC1') });
    expect(traced.body.errors).toBeUndefined();
    expect(traced.body.data.traceBackward.partnerSteps).toEqual([{
      lot: { code: `0${c.flour}-PL1` }, eventId: millTransformation.eventID, at: '2026-02-27T06:00:00.000Z', gln: c.millSite, locationName: `Mill site ${c.p}`,
      inputs: [{ epcClass: `https://id.gs1.org/01/0${wheat}/10/W-77`, gtin: `0${wheat}`, lotNumber: 'W-77', quantity: 12, uom: 'TNE' }],
    }]);
    // The graph says it too, for the analyst: our lot's class, made by the mill's event from the wheat.
    const [path] = await cypherRows(db, `MATCH (e:EpcisEvent {eventId: $id})-[:OUTPUT]->(:EpcisClass {uri: $flour}), (e)-[:INPUT]->(w:EpcisClass) RETURN w.uri AS wheat`, { id: millTransformation.eventID, flour: lgtin(c.flour, 'PL1') });
    expect(path).toEqual({ wheat: `https://id.gs1.org/01/0${wheat}/10/W-77` });
    const forward = await http.gql(`query($code: ID!) { traceForward(lotCode: $code) { partnerSteps { eventId } } }`, { code: `0${c.flour}-PL1` });
    expect(forward.body.data.traceForward.partnerSteps).toEqual([]);
  });
});

describe("README's EPCIS examples", () => {
  it('captures examples/epcis/receive-flour.jsonld into the demo, and the query example finds it', async () => {
    await loadDemo(db);
    const document = JSON.parse(readFileSync(new URL('../examples/epcis/receive-flour.jsonld', import.meta.url), 'utf8'));
    const { job } = await capture(document);
    // Recorded, or repeats where an earlier run of the tests recorded it (they share a database).
    expect(job).toMatchObject({ success: true, errors: [] });
    expect(job!.summary!.receipts + job!.summary!.partner + job!.summary!.repeats).toBe(2);
    expect(job!.summary!.receipts).toBeLessThanOrEqual(1);
    const [lot] = await cypherRows(db, `MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot {code: '00614141000012-NM-26-0611'}) RETURN s.id AS supplier, l.receivedAtLocationId AS at, l.quantity AS kg, l.referenceDocument AS doc`);
    expect(lot).toEqual({ supplier: 'SUP-MILL', at: 'LOC-PLANT', kg: 1000, doc: 'ASN-88301' });

    const res = await http.fetch('/epcis/events?MATCH_epcClass=https://id.gs1.org/01/00614141000012/10/NM-26-0611');
    const events = (await res.json()).epcisBody.queryResults.resultsBody.eventList;
    expect(events.map((e: any) => e.eventID)).toEqual(document.epcisBody.eventList.map((e: any) => e.eventID));
    // README's partner-lineage example: the mill's wheat behind the flour.
    const lineage = await http.gql(`{ traceBackward(lotCode: "https://id.gs1.org/01/00614141000012/10/NM-26-0611") { partnerSteps { lot { code } gln locationName inputs { lotNumber quantity uom } } } }`);
    expect(lineage.body.data.traceBackward.partnerSteps).toEqual([
      // (Other tests describe places of their own with this example GLN: the name is one of theirs or the demo's.)
      { lot: { code: '00614141000012-NM-26-0611' }, gln: '0614141000012', locationName: expect.any(String), inputs: [{ lotNumber: 'HRW-2026-031', quantity: 1.3, uom: 'TNE' }] },
    ]);
    const shipping = await http.fetch('/epcis/events?EQ_bizStep=shipping&GE_eventTime=2026-03-01T00:00:00Z&perPage=2');
    expect(shipping.status).toBe(200);
    expect(shipping.headers.get('link')).toMatch(/nextPageToken=/);
    expect((await shipping.json()).epcisBody.queryResults.resultsBody.eventList).toHaveLength(2);
  });
});
