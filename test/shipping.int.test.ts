import { describe, expect, it } from 'vitest';
import { codeOf, cypherRows, snapshot, uid, withApi } from './helpers.js';
import { LOT, RECORD_PRODUCTION, RECORD_SHIPMENT } from './fixtures/operations.js';
import { parties, production, received } from './fixtures/world.js';

const { db, api } = withApi();

const shipment = (p: string, id: string, lines: [string, number, string][], customerId = `${p}CUST`) => ({
  shipmentId: `${p}${id}`,
  customerId,
  shippedAt: '2026-03-03T06:00:00Z',
  referenceDocument: `INV-${id}`,
  lines: lines.map(([lotCode, amount, unit]) => ({ lotCode, quantity: { amount, unit } })),
});

describe('recordShipment', () => {
  it('records the shipment, a SHIPPED_TO edge per line, and takes the quantity off hand', async () => {
    const p = uid();
    const { customerId } = await parties(api, p);
    await received(api, p, 'A', 100, 'each');
    await received(api, p, 'B', 5, 'kg');
    const result = await api.gql(RECORD_SHIPMENT, { input: shipment(p, 'S1', [[`${p}A`, 40, 'each'], [`${p}B`, 500, 'g']]) });
    expect(result.errors).toBeUndefined();
    expect(result.data.recordShipment).toEqual({
      id: `${p}S1`,
      shippedAt: '2026-03-03T06:00:00.000Z',
      referenceDocument: 'INV-S1',
      customer: { id: customerId, name: 'Shop' },
      lines: [
        { shipment: { id: `${p}S1` }, lot: { code: `${p}A` }, quantity: { amount: 40, unit: 'each' } },
        { shipment: { id: `${p}S1` }, lot: { code: `${p}B` }, quantity: { amount: 500, unit: 'g' } },
      ],
    });
    const lotA = (await api.gql(LOT, { code: `${p}A` })).data.lot;
    expect(lotA.onHand).toEqual({ amount: 60, unit: 'each' });
    expect(lotA.shipments).toEqual([{ shipment: { id: `${p}S1`, customer: { id: customerId } }, quantity: { amount: 40, unit: 'each' } }]);
    expect((await api.gql(LOT, { code: `${p}B` })).data.lot.onHand).toEqual({ amount: 4.5, unit: 'kg' });
    const edges = await cypherRows(
      db,
      'MATCH (l:Lot)-[r:SHIPPED_TO]->(c:Customer {id: $c}) RETURN l.code AS lot, r.shipmentId AS shipment ORDER BY lot',
      { c: customerId },
    );
    expect(edges).toEqual([{ lot: `${p}A`, shipment: `${p}S1` }, { lot: `${p}B`, shipment: `${p}S1` }]);
    const byQuery = await api.gql(`query($id: ID!) { shipment(id: $id) { id customer { id } lines { lot { code } } } }`, { id: `${p}S1` });
    expect(byQuery.data.shipment.lines).toHaveLength(2);
    const customer = await api.gql(`query($id: ID!) { customer(id: $id) { shipments { id } } }`, { id: customerId });
    expect(customer.data.customer.shipments).toEqual([{ id: `${p}S1` }]);
  });

  it('returns the recorded shipment for a repeat of the very same input, and writes nothing', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'A', 100, 'each');
    const input = shipment(p, 'S1', [[`${p}A`, 40, 'each']]);
    const first = await api.gql(RECORD_SHIPMENT, { input });
    const before = await snapshot(db, p);
    const repeat = await api.gql(RECORD_SHIPMENT, { input });
    expect(repeat.errors).toBeUndefined();
    expect(repeat.data).toEqual(first.data);
    expect(await snapshot(db, p)).toBe(before);
  });

  describe('refuses, and writes nothing,', () => {
    async function world() {
      const p = uid();
      await parties(api, p);
      await received(api, p, 'A', 100, 'each');
      await received(api, p, 'B', 5, 'kg');
      await api.gql(RECORD_SHIPMENT, { input: shipment(p, 'OLD', [[`${p}A`, 1, 'each']]) });
      return p;
    }
    const cases: [string, string, (p: string) => ReturnType<typeof shipment>][] = [
      ['an empty lines list', 'BAD_USER_INPUT', (p) => shipment(p, 'S', [])],
      ['a negative amount', 'BAD_USER_INPUT', (p) => shipment(p, 'S', [[`${p}A`, -1, 'each']])],
      ['an unknown unit', 'BAD_USER_INPUT', (p) => shipment(p, 'S', [[`${p}A`, 1, 'pallet']])],
      ['an unknown customer', 'NOT_FOUND', (p) => shipment(p, 'S', [[`${p}A`, 1, 'each']], `${p}NOBODY`)],
      ['an unknown lot', 'NOT_FOUND', (p) => shipment(p, 'S', [[`${p}A`, 1, 'each'], [`${p}GHOST`, 1, 'each']])],
      ['a shipment id that is taken, with other content', 'ALREADY_EXISTS', (p) => shipment(p, 'OLD', [[`${p}A`, 2, 'each']])],
      ['a mass from a counted lot', 'UNIT_MISMATCH', (p) => shipment(p, 'S', [[`${p}A`, 1, 'kg']])],
      ['more than is on hand', 'INSUFFICIENT_QUANTITY', (p) => shipment(p, 'S', [[`${p}A`, 10, 'each'], [`${p}B`, 5.001, 'kg']])],
    ];
    it.each(cases)('%s (%s)', async (_, code, input) => {
      const p = await world();
      const before = await snapshot(db, p);
      const result = await api.gql(RECORD_SHIPMENT, { input: input(p) });
      expect(codeOf(result)).toBe(code);
      expect(await snapshot(db, p)).toBe(before);
    });

    it('a lot on hold (LOT_NOT_AVAILABLE)', async () => {
      const p = await world();
      await cypherRows(db, "MATCH (l:Lot {code: $c}) SET l.status = 'ON_HOLD'", { c: `${p}B` });
      const before = await snapshot(db, p);
      const result = await api.gql(RECORD_SHIPMENT, { input: shipment(p, 'S', [[`${p}A`, 1, 'each'], [`${p}B`, 1, 'kg']]) });
      expect(codeOf(result)).toBe('LOT_NOT_AVAILABLE');
      expect(await snapshot(db, p)).toBe(before);
    });
  });
});

describe('concurrent writers', () => {
  it('land exactly fifteen of twenty racing shipments of 10 on a lot of 150, and never go below zero', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'A', 150, 'each');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.gql(RECORD_SHIPMENT, { input: shipment(p, `S${i}`, [[`${p}A`, 10, 'each']]) })),
    );
    const accepted = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(accepted).toHaveLength(15);
    expect(refused.map(codeOf)).toEqual(Array(5).fill('INSUFFICIENT_QUANTITY'));
    expect((await api.gql(LOT, { code: `${p}A` })).data.lot.onHand).toEqual({ amount: 0, unit: 'each' });
    const stored = await cypherRows(
      db,
      'MATCH (l:Lot {code: $c}) OPTIONAL MATCH (l)-[r:SHIPPED_TO]->() RETURN l.onHandBase AS base, count(r) AS lines, l._lock AS lock',
      { c: `${p}A` },
    );
    expect(stored).toEqual([{ base: 0n, lines: 15n, lock: null }]);
  });

  it('never lose a consumption when productions and shipments race on one lot', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 100, 'kg');
    const work = Array.from({ length: 24 }, (_, i) =>
      i % 2 === 0
        ? api.gql(RECORD_PRODUCTION, { input: production(`${p}B${i}`, [[`${p}FLOUR`, 3.5, 'kg']], [[`${p}OUT${i}`, 3.5, 'kg']]) })
        : api.gql(RECORD_SHIPMENT, { input: shipment(p, `S${i}`, [[`${p}FLOUR`, 2500, 'g']]) }),
    );
    const results = await Promise.all(work);
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    // 12 × 3.5 kg + 12 × 2.5 kg = 72 kg taken from 100 kg.
    expect((await api.gql(LOT, { code: `${p}FLOUR` })).data.lot.onHand).toEqual({ amount: 28, unit: 'kg' });
  });
});
