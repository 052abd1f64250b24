import { describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/bakery.js';
import { codeOf, cypherRows, snapshot, uid, withApi } from './helpers.js';
import { RECORD_PRODUCTION, RECORD_SHIPMENT } from './fixtures/operations.js';
import { parties, production, received } from './fixtures/world.js';

const { db, api } = withApi();

const HOLD = `mutation($input: HoldLotsInput!) { holdLots(input: $input) { code status } }`;
const RELEASE = `mutation($input: ReleaseLotsInput!) { releaseLots(input: $input) { code status } }`;
const HOLDS = `query($code: ID!) { lot(code: $code) { status holds { action reason by at } } }`;

describe('holdLots and releaseLots', () => {
  it('hold a lot so that it cannot be consumed, then release it, keeping both records', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 100, 'kg');
    const held = await api.gql(HOLD, { input: { lotCodes: [`${p}FLOUR`], reason: 'Supplier notice NM-7', by: 'qa.lead', at: '2026-03-05T10:00:00Z' } });
    expect(held.data.holdLots).toEqual([{ code: `${p}FLOUR`, status: 'ON_HOLD' }]);
    const refused = await api.gql(RECORD_PRODUCTION, { input: production(`${p}B1`, [[`${p}FLOUR`, 1, 'kg']], [[`${p}OUT`, 1, 'kg']]) });
    expect(codeOf(refused)).toBe('LOT_NOT_AVAILABLE');

    const released = await api.gql(RELEASE, { input: { lotCodes: [`${p}FLOUR`], reason: 'Lab result negative', by: 'qa.lead', at: '2026-03-06T10:00:00Z' } });
    expect(released.data.releaseLots).toEqual([{ code: `${p}FLOUR`, status: 'AVAILABLE' }]);
    expect((await api.gql(RECORD_PRODUCTION, { input: production(`${p}B1`, [[`${p}FLOUR`, 1, 'kg']], [[`${p}OUT`, 1, 'kg']]) })).errors).toBeUndefined();
    expect((await api.gql(HOLDS, { code: `${p}FLOUR` })).data.lot).toEqual({
      status: 'AVAILABLE',
      holds: [
        { action: 'HOLD', reason: 'Supplier notice NM-7', by: 'qa.lead', at: '2026-03-05T10:00:00.000Z' },
        { action: 'RELEASE', reason: 'Lab result negative', by: 'qa.lead', at: '2026-03-06T10:00:00.000Z' },
      ],
    });
  });

  it('with includeDownstream also hold every downstream lot that still has stock, and only those', async () => {
    const p = uid('HOLD');
    await loadDemo(db, p);
    const result = await api.gql(HOLD, { input: { lotCodes: [`${p}FLOUR-0301`], reason: 'Recall check', by: 'qa', includeDownstream: true } });
    const codes = result.data.holdLots.map((l: any) => l.code.slice(p.length)).sort();
    // DOUGH-0302 was used up by the cookie batch, so it has nothing left to hold.
    expect(codes).toEqual(['COOKIE-0302-A', 'COOKIE-0302-B', 'FLOUR-0301', 'MOTHER-0301', 'MOTHER-0302']);
    const dough = await api.gql(HOLDS, { code: `${p}DOUGH-0302` });
    expect(dough.data.lot).toEqual({ status: 'AVAILABLE', holds: [] });
    const ship = await api.gql(RECORD_SHIPMENT, {
      input: { shipmentId: `${p}S9`, customerId: `${p}CUST-CAFE`, shippedAt: '2026-03-09T00:00:00Z', lines: [{ lotCode: `${p}COOKIE-0302-A`, quantity: { amount: 1, unit: 'each' } }] },
    });
    expect(codeOf(ship)).toBe('LOT_NOT_AVAILABLE');
  });

  it('change nothing and write nothing when the lots are already held', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 100, 'kg');
    const input = { lotCodes: [`${p}FLOUR`], reason: 'x', by: 'qa', at: '2026-03-05T10:00:00Z' };
    await api.gql(HOLD, { input });
    const before = await snapshot(db, p);
    const again = await api.gql(HOLD, { input });
    expect(again.data.holdLots).toEqual([]);
    expect(await snapshot(db, p)).toBe(before);
    expect(await cypherRows(db, 'MATCH (h:HoldEvent)-[:ON_LOT]->(:Lot {code: $c}) RETURN count(h) AS n', { c: `${p}FLOUR` })).toEqual([{ n: 1n }]);
  });

  it.each([
    ['an empty list', { lotCodes: [] }, 'BAD_USER_INPUT'],
    ['a blank reason', { reason: ' ' }, 'BAD_USER_INPUT'],
    ['a date without an offset', { at: '2026-03-05T10:00:00' }, 'BAD_USER_INPUT'],
    ['a lot that does not exist', { lotCodes: ['__P__FLOUR', '__P__GHOST'] }, 'NOT_FOUND'],
  ])('refuse %s, and write nothing', async (_, change, code) => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 100, 'kg');
    const before = await snapshot(db, p);
    const input = { lotCodes: [`${p}FLOUR`], reason: 'x', by: 'qa', ...change };
    input.lotCodes = input.lotCodes.map((c: string) => c.replace('__P__', p));
    expect(codeOf(await api.gql(HOLD, { input }))).toBe(code);
    expect(await snapshot(db, p)).toBe(before);
  });

  it('refuse to release a recalled lot with LOT_NOT_AVAILABLE', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 100, 'kg');
    await cypherRows(db, "MATCH (l:Lot {code: $c}) SET l.status = 'RECALLED'", { c: `${p}FLOUR` });
    const result = await api.gql(RELEASE, { input: { lotCodes: [`${p}FLOUR`], reason: 'x', by: 'qa' } });
    expect(codeOf(result)).toBe('LOT_NOT_AVAILABLE');
  });

  it('race shipments fairly: each lands before the hold or is refused, and none lands after it', async () => {
    const p = uid();
    const { customerId } = await parties(api, p);
    await received(api, p, 'A', 100, 'each');
    const ship = (i: number) =>
      api.gql(RECORD_SHIPMENT, { input: { shipmentId: `${p}S${i}`, customerId, shippedAt: '2026-03-03T06:00:00Z', lines: [{ lotCode: `${p}A`, quantity: { amount: 1, unit: 'each' } }] } });
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => ship(i)),
      api.gql(HOLD, { input: { lotCodes: [`${p}A`], reason: 'race', by: 'qa' } }),
      ...Array.from({ length: 10 }, (_, i) => ship(10 + i)),
    ]);
    const shipments = results.filter((_, i) => i !== 10);
    const landed = shipments.filter((r) => !r.errors).length;
    expect(shipments.filter((r) => r.errors).map(codeOf)).toEqual(Array(20 - landed).fill('LOT_NOT_AVAILABLE'));
    const [lot] = await cypherRows(db, 'MATCH (l:Lot {code: $c}) OPTIONAL MATCH (l)-[r:SHIPPED_TO]->() RETURN l.status AS status, l.onHandBase AS base, count(r) AS lines', { c: `${p}A` });
    expect(lot).toEqual({ status: 'ON_HOLD', base: BigInt(100 - landed) * 1_000_000n, lines: BigInt(landed) });
    expect(codeOf(await ship(99))).toBe('LOT_NOT_AVAILABLE');
  });
});
