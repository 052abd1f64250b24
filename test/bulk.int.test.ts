import { describe, expect, it } from 'vitest';
import { type BulkEvent, ImportRejected, importEvents } from '../src/bulk/bulk.service.js';
import { loadDemo } from '../src/demo/bakery.js';
import { demoEvents } from './fixtures/events.js';
import { cypherRows, newGtin13, snapshot, uid, withApi } from './helpers.js';
import { LOT, TRACE_BACKWARD } from './fixtures/operations.js';

const { db, api } = withApi();

/** What a user sees of a data set: every lot's on-hand, and a trace, minus the prefix. */
async function view(prefix: string) {
  const codes = ['FLOUR-0301', 'BUTTER-0302', 'DOUGH-0302', 'COOKIE-0302-A', 'COOKIE-0306-A', 'CHOC-0228'];
  const lots = [];
  for (const c of codes) lots.push((await api.gql(LOT, { code: prefix + c })).data.lot.onHand);
  const t = (await api.gql(TRACE_BACKWARD, { lotCode: `${prefix}COOKIE-0302-A` })).data.traceBackward;
  return { lots, trace: t.lots.map((l: any) => [l.lot.code.slice(prefix.length), l.depth]) };
}

describe('bulk import', () => {
  it('writes the same graph, on-hands and traces as the API does, in small chunks', async () => {
    const viaApi = uid('API');
    const viaBulk = uid('BULK');
    await loadDemo(db, viaApi);
    const report = await importEvents(db, demoEvents(viaBulk), { chunkSize: 2 });
    expect(report).toMatchObject({ events: 44, written: 44, skipped: 0 });
    expect(await view(viaBulk)).toEqual(await view(viaApi));
  });

  it('skips what is already there when the same import runs again, and writes nothing', async () => {
    const p = uid('BULK');
    await importEvents(db, demoEvents(p));
    const before = await snapshot(db, p);
    const again = await importEvents(db, demoEvents(p));
    // Places, products and parties are upserts, written again with the same content; the rest is skipped.
    expect(again).toMatchObject({ written: 28, skipped: 16 });
    expect(await snapshot(db, p)).toBe(before);
  });

  it('rejects an import with problems, lists every one, and writes nothing', async () => {
    const p = uid('BULK');
    const events = demoEvents(p);
    const shipment = events.find((e) => e.type === 'shipment') as Extract<BulkEvent, { type: 'shipment' }>;
    shipment.lines[0].quantity.amount = 100_000;
    const receipt = events.find((e) => e.type === 'receipt') as Extract<BulkEvent, { type: 'receipt' }>;
    events.push({ ...receipt, lotCode: `${p}EXTRA`, quantity: { amount: 1, unit: 'bushel' } });
    events.push({ type: 'production', batchCode: `${p}B-X`, producedAt: '2026-03-09T00:00:00Z', inputs: [{ lotCode: `${p}GHOST`, quantity: { amount: 1, unit: 'kg' } }], outputs: [{ lotCode: `${p}X`, productSku: 'X', productName: 'X', quantity: { amount: 1, unit: 'kg' } }] });
    const error = await importEvents(db, events).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    const problems = (error as ImportRejected).problems.join('\n');
    expect(problems).toContain('Unknown unit "bushel"');
    expect(problems).toContain('INSUFFICIENT_QUANTITY');
    expect(problems).toContain(`No lot has the code or id "${p}GHOST"`);
    expect(await snapshot(db, p)).toBe('[]');
  });

  it('checks GTINs as the API does: a wrong check digit, or one GTIN on two products, is a problem', async () => {
    const p = uid('BULK');
    const events = demoEvents(p);
    events.push({ type: 'product', sku: `${p}G1`, name: 'One', gtin: '09506000134352' });
    events.push({ type: 'product', sku: `${p}G2`, name: 'Two', gtin: '9506000134352' });
    events.push({ type: 'product', sku: `${p}G3`, name: 'Three', gtin: '09506000134353' });
    const error = await importEvents(db, events).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    // The event that does not read first, then the rules between events.
    expect((error as ImportRejected).problems).toEqual([
      expect.stringContaining('GTIN 09506000134353 has the check digit 3; its digits give 2.'),
      expect.stringContaining(`The GTIN 09506000134352 is given to the products ${p}G1 and ${p}G2`),
    ]);
    expect(await snapshot(db, p)).toBe('[]');

    // One that another product holds in the database.
    const gtin = `0${newGtin13()}`;
    await importEvents(db, [{ type: 'product', sku: `${p}HOLDER`, name: 'Holder', gtin }]);
    const taken = await importEvents(db, [...demoEvents(p), { type: 'product', sku: `${p}NEW`, name: 'New', gtin }]).catch((e) => e);
    expect((taken as ImportRejected).problems).toEqual([expect.stringContaining(`The GTIN ${gtin} belongs to the product ${p}HOLDER in the database`)]);
    expect(await snapshot(db, p)).toBe('[]');
    // The holder itself may repeat it.
    await expect(importEvents(db, [{ type: 'product', sku: `${p}HOLDER`, name: 'Holder, renamed', gtin }])).resolves.toMatchObject({ written: 1 });
  });

  it('holds codes and text to the same rules as the API: a 9,000-character lot code, NUL or a right-to-left override is a problem, and nothing is written', async () => {
    const p = uid('BULK');
    const events = demoEvents(p);
    const receipt = events.find((e) => e.type === 'receipt') as Extract<BulkEvent, { type: 'receipt' }>;
    events.push({ ...receipt, lotCode: `${p}${'x'.repeat(9000)}` });
    events.push({ ...receipt, lotCode: `${p}NUL\u0000` });
    events.push({ ...receipt, lotCode: `${p}RTL`, productName: 'Flour \u202e1 gk' });
    const error = await importEvents(db, events).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    const problems = (error as ImportRejected).problems;
    expect(problems, problems.join("\n")).toHaveLength(3);
    expect(problems[0]).toMatch(/lotCode is 90\d\d characters long; a code or id may have at most 200/);
    expect(problems[1]).toMatch(/lotCode holds the character U\+0000/);
    expect(problems[2]).toMatch(/productName holds the character U\+202E/);
    expect(await snapshot(db, p)).toBe('[]');
  });

  it('imports locations and products, and rejects events naming a location neither the file nor the database holds', async () => {
    const p = uid('BULK');
    const events: BulkEvent[] = [
      { type: 'location', id: `${p}LOC-PLANT`, businessName: 'Plant', phone: '+1 555 0100', street: '1 Oven Way', city: 'Salem', state: 'OR', postalCode: '97301', country: 'US', own: true },
      { type: 'location', id: `${p}LOC-MILL`, businessName: 'Mill', city: 'Salina', country: 'US' },
      { type: 'product', sku: `${p}ING`, name: 'Flour', brand: 'Mill', onFoodTraceabilityList: true },
      { type: 'supplier', id: `${p}SUP`, name: 'Mill', locationId: `${p}LOC-MILL` },
      { type: 'customer', id: `${p}CUST`, name: 'Shop', locationId: `${p}LOC-NOWHERE-1` },
      { type: 'receipt', lotCode: `${p}L1`, productSku: `${p}ING`, productName: 'Flour', supplierId: `${p}SUP`, supplierLotCode: `${p}T1`,
        quantity: { amount: 10, unit: 'kg' }, receivedAt: '2026-03-01T00:00:00Z', receivedAtLocationId: `${p}LOC-PLANT`, tlcSourceLocationId: `${p}LOC-NOWHERE-2` },
      { type: 'production', batchCode: `${p}B1`, producedAt: '2026-03-02T00:00:00Z', locationId: `${p}LOC-NOWHERE-3`,
        inputs: [{ lotCode: `${p}L1`, quantity: { amount: 1, unit: 'kg' } }],
        outputs: [{ lotCode: `${p}L2`, productSku: 'X', productName: 'X', quantity: { amount: 1, unit: 'kg' } }] },
      { type: 'shipment', shipmentId: `${p}S1`, customerId: `${p}CUST`, shippedAt: '2026-03-03T00:00:00Z', fromLocationId: `${p}LOC-NOWHERE-4`,
        lines: [{ lotCode: `${p}L2`, quantity: { amount: 1, unit: 'kg' } }] },
    ];
    const error = await importEvents(db, events).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    const problems = (error as ImportRejected).problems;
    for (const n of [1, 2, 3, 4]) expect(problems.join('\n')).toContain(`No location has the id "${p}LOC-NOWHERE-${n}" (NOT_FOUND)`);
    expect(problems).toHaveLength(4);
    expect(await snapshot(db, p)).toBe('[]');
    expect(await cypherRows(db, 'MATCH (l:Location) WHERE l.id STARTS WITH $p RETURN l.id AS id', { p })).toEqual([]);

    // The same file with the missing places added imports whole: the places, products and the links to them.
    const places = [1, 2, 3, 4].map((n): BulkEvent => ({ type: 'location', id: `${p}LOC-NOWHERE-${n}`, businessName: `Place ${n}` }));
    const report = await importEvents(db, [...events, ...places]);
    expect(report).toMatchObject({ events: 12, written: 12, skipped: 0 });
    const rows = await cypherRows(
      db,
      `MATCH (c:Customer {id: $p + 'CUST'}), (s:Supplier {id: $p + 'SUP'}), (pr:Product {sku: $p + 'ING'}), (plant:Location {id: $p + 'LOC-PLANT'})
       RETURN c.locationId AS customerAt, s.locationId AS supplierAt, pr.onFoodTraceabilityList AS ftl, pr.brand AS brand, plant.own AS own, plant.postalCode AS zip`,
      { p },
    );
    expect(rows).toEqual([{ customerAt: `${p}LOC-NOWHERE-1`, supplierAt: `${p}LOC-MILL`, ftl: true, brand: 'Mill', own: true, zip: '97301' }]);
    // Run again: locations and products are upserts, so they are written again with the same content; nothing changes.
    const before = await snapshot(db, p);
    await importEvents(db, [...events, ...places]);
    expect(await snapshot(db, p)).toBe(before);
  });

  it('keeps the later of two descriptions with one id, and refuses a flag that is not true or false', async () => {
    const p = uid('BULK');
    // Far apart, so that they fall in different chunks (written two at a time): the later still wins.
    const filler = Array.from({ length: 30 }, (_, i): BulkEvent => ({ type: 'location', id: `${p}FILL${i}`, businessName: `Filler ${i}` }));
    const report = await importEvents(db, [
      { type: 'location', id: `${p}LOC`, businessName: 'Old name', city: 'Salem' },
      { type: 'product', sku: `${p}SKU`, name: 'Old product', onFoodTraceabilityList: true },
      ...filler,
      { type: 'location', id: `${p}LOC`, businessName: 'New name' },
      { type: 'product', sku: `${p}SKU`, name: 'New product' },
    ], { chunkSize: 4 });
    expect(report).toMatchObject({ events: 34, written: 32, skipped: 2 });
    const rows = await cypherRows(db, `MATCH (l:Location {id: $p + 'LOC'}), (x:Product {sku: $p + 'SKU'}) RETURN l.businessName AS name, l.city AS city, x.name AS product, x.onFoodTraceabilityList AS ftl`, { p });
    // An upsert sets what the event gives: the later event names no city, and leaves the FTL flag at false.
    expect(rows).toEqual([{ name: 'New name', city: null, product: 'New product', ftl: false }]);

    const q = uid('BULK');
    const error = await importEvents(db, [{ type: 'location', id: `${q}LOC`, businessName: 'Plant', own: 'false' as never }]).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems.join('\n')).toContain('own must be true or false');
    expect(await snapshot(db, q)).toBe('[]');
  });

  it('takes corrections: a void of a batch and the corrected batch under the same code; a void that later records depend on is refused whole', async () => {
    const p = uid('BV');
    const receipt = (code: string): BulkEvent => ({
      type: 'receipt', lotCode: `${p}${code}`, productSku: code, productName: code, supplierId: `${p}MILL`, supplierLotCode: `S-${code}`,
      quantity: { amount: 100, unit: 'kg' }, receivedAt: '2026-06-01T00:00:00Z',
    });
    const batch = (flour: string, kg: number): BulkEvent => ({
      type: 'production', batchCode: `${p}B`, producedAt: '2026-06-02T00:00:00Z',
      inputs: [{ lotCode: `${p}${flour}`, quantity: { amount: kg, unit: 'kg' } }],
      outputs: [{ lotCode: `${p}BUN`, productSku: 'BUN', productName: 'Bun', quantity: { amount: 10, unit: 'each' } }],
    });
    await importEvents(db, [{ type: 'supplier', id: `${p}MILL`, name: 'Mill' }, receipt('WHEAT'), receipt('RYE'), batch('RYE', 90)]);
    // The rye had 10 kg left; the corrected batch takes 90 of the wheat and gives the rye its 90 back.
    const report = await importEvents(db, [{ type: 'void', kind: 'PRODUCTION', id: `${p}B`, reason: 'wrong flour scanned' }, batch('WHEAT', 90)]);
    expect(report).toMatchObject({ events: 2, written: 1 });
    const onHand = async (code: string) => (await api.gql(LOT, { code: `${p}${code}` })).data.lot.onHand.amount;
    expect([await onHand('WHEAT'), await onHand('RYE')]).toEqual([10, 100]);
    const [kept] = await cypherRows(db, 'MATCH (c:Correction)-[:VOIDED]->(:VoidedBatch {code: $code}) RETURN c.reason AS reason, c.by AS by', { code: `${p}B` });
    expect(kept).toEqual({ reason: 'wrong flour scanned', by: 'bulk import' });

    const before = await snapshot(db, p);
    await expect(importEvents(db, [{ type: 'void', kind: 'RECEIPT', id: `${p}WHEAT`, reason: 'x' }, receipt('OATS')])).rejects.toThrow(/void of receipt .*WHEAT.*production .*B/);
    expect(await snapshot(db, p)).toEqual(before);
  });
});
