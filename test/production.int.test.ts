import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordProduction } from '../src/production/production.service.js';
import { fromBase, toBase } from '../src/units.js';
import { codeOf, cypherRows, snapshot, uid, withApi } from './helpers.js';
import { LOT, RECORD_PRODUCTION, RECORD_SHIPMENT } from './fixtures/operations.js';
import { parties, produced, production, received } from './fixtures/world.js';

const { db, api } = withApi();

const onHand = async (code: string) => (await api.gql(LOT, { code })).data.lot.onHand;

describe('recordProduction', () => {
  it('consumes the inputs, creates the outputs and links them through the batch', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 100, 'kg');
    await received(api, p, 'SUGAR', 50, 'lb');
    const batch = await produced(
      api,
      production(`${p}B1`, [[`${p}FLOUR`, 30, 'kg'], [`${p}SUGAR`, 2, 'kg']], [[`${p}DOUGH`, 31, 'kg'], [`${p}SCRAP`, 1, 'kg']]),
    );
    expect(batch.code).toBe(`${p}B1`);
    expect(batch.producedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(batch.inputs).toEqual([
      { lot: { code: `${p}FLOUR` }, batch: { code: `${p}B1` }, quantity: { amount: 30, unit: 'kg' } },
      { lot: { code: `${p}SUGAR` }, batch: { code: `${p}B1` }, quantity: { amount: 2, unit: 'kg' } },
    ]);
    expect(batch.outputs.map((o: { code: string }) => o.code)).toEqual([`${p}DOUGH`, `${p}SCRAP`]);
    expect(batch.outputs[0]).toMatchObject({
      quantity: { amount: 31, unit: 'kg' }, onHand: { amount: 31, unit: 'kg' }, status: 'AVAILABLE', producedBy: { code: `${p}B1` },
    });
    expect(await onHand(`${p}FLOUR`)).toEqual({ amount: 70, unit: 'kg' });
    // 2 kg is 4.40924524... lb; 50 lb less that is shown in the lot's own unit.
    expect((await onHand(`${p}SUGAR`)).amount).toBeCloseTo(50 - 2 / 0.45359237, 9);
    const lot = (await api.gql(LOT, { code: `${p}FLOUR` })).data.lot;
    expect(lot.consumedIn).toEqual([{ batch: { code: `${p}B1` }, quantity: { amount: 30, unit: 'kg' } }]);
  });

  it('leaves exactly 999 kg of 1000 kg after ten consumptions of 0.1 kg', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 1000, 'kg');
    for (let i = 0; i < 10; i += 1) {
      await produced(api, production(`${p}B${i}`, [[`${p}FLOUR`, 0.1, 'kg']], [[`${p}OUT${i}`, 0.1, 'kg']]));
    }
    expect(await onHand(`${p}FLOUR`)).toEqual({ amount: 999, unit: 'kg' });
    const stored = await cypherRows(db, 'MATCH (l:Lot {code: $c}) RETURN l.onHandBase AS base, l.onHand AS shown', { c: `${p}FLOUR` });
    expect(stored[0]).toEqual({ base: 999_000_000_000_000n, shown: 999 });
  });

  it('stores the on-hand amount the statements compute as exactly the double fromBase gives, in every unit', async () => {
    const p = uid();
    await parties(api, p);
    const units = { mass: ['g', 'kg', 'lb', 'oz'], volume: ['ml', 'l'], count: ['each'] } as const;
    const withdrawal = fc
      .constantFrom(...(Object.keys(units) as (keyof typeof units)[]))
      .chain((dim) => fc.record({ lotUnit: fc.constantFrom(...units[dim]), takeUnit: fc.constantFrom(...units[dim]), take: fc.integer({ min: 1, max: 99_999 }), scale: fc.constantFrom(1, 10, 1000) }))
      .filter(({ take, scale, takeUnit, lotUnit }) => {
        try {
          // Some amounts are finer than the base unit (0.1 oz); some more than the lot holds.
          return toBase(take / scale, takeUnit) < toBase(1_000_000, lotUnit);
        } catch {
          return false;
        }
      });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(withdrawal, async ({ lotUnit, takeUnit, take, scale }) => {
        n += 1;
        await received(api, p, `L${n}`, 1_000_000, lotUnit);
        const amount = take / scale;
        const lot = `${p}L${n}`;
        // The production and the shipment statements each do the arithmetic: alternate them.
        if (n % 2 === 0) {
          await produced(api, production(`${p}B${n}`, [[lot, amount, takeUnit]], [[`${p}O${n}`, 1, 'each']]));
        } else {
          const shipment = { shipmentId: `${p}SH${n}`, customerId: `${p}CUST`, shippedAt: '2026-03-03T09:00:00Z', lines: [{ lotCode: lot, quantity: { amount, unit: takeUnit } }] };
          expect((await api.gql(RECORD_SHIPMENT, { input: shipment })).errors).toBeUndefined();
        }
        const [stored] = await cypherRows(db, 'MATCH (l:Lot {code: $c}) RETURN l.onHandBase AS base, l.onHand AS shown', { c: lot });
        expect(stored.base).toBe(toBase(1_000_000, lotUnit) - toBase(amount, takeUnit));
        expect(stored.shown).toBe(fromBase(stored.base as bigint, lotUnit));
      }),
      { numRuns: 40, seed: 204 },
    );
  });

  it('converts within mass and within volume: 16 oz of a 1 lb lot leaves exactly nothing', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'BUTTER', 1, 'lb');
    await received(api, p, 'MILK', 1, 'l');
    await produced(api, production(`${p}B1`, [[`${p}BUTTER`, 16, 'oz'], [`${p}MILK`, 250, 'ml']], [[`${p}OUT`, 1, 'kg']]));
    expect(await onHand(`${p}BUTTER`)).toEqual({ amount: 0, unit: 'lb' });
    expect(await onHand(`${p}MILK`)).toEqual({ amount: 0.75, unit: 'l' });
  });

  it('returns the recorded batch for a repeat of the very same input, and writes nothing', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 100, 'kg');
    const input = production(`${p}B1`, [[`${p}FLOUR`, 30, 'kg']], [[`${p}DOUGH`, 30, 'kg']]);
    const first = await api.gql(RECORD_PRODUCTION, { input });
    const before = await snapshot(db, p);
    const repeat = await api.gql(RECORD_PRODUCTION, { input });
    expect(repeat.errors).toBeUndefined();
    expect(repeat.data).toEqual(first.data);
    expect(await snapshot(db, p)).toBe(before);
    expect(await onHand(`${p}FLOUR`)).toEqual({ amount: 70, unit: 'kg' });
  });

  it('records one batch when the very same input races itself, consuming once', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 100, 'kg');
    const input = production(`${p}B1`, [[`${p}FLOUR`, 30, 'kg']], [[`${p}DOUGH`, 30, 'kg']]);
    const results = await Promise.all(Array.from({ length: 8 }, () => api.gql(RECORD_PRODUCTION, { input })));
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(await onHand(`${p}FLOUR`)).toEqual({ amount: 70, unit: 'kg' });
  });

  it('takes writers of one hot lot in the order they came, each passed by at most the one behind it, and every one of them', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'HOT', 100, 'kg');
    const finished: number[] = [];
    const writers = Array.from({ length: 12 }, (_, i) =>
      recordProduction(db, production(`${p}B${i}`, [[`${p}HOT`, 1, 'kg']], [[`${p}OUT${i}`, 1, 'kg']])).then(() => finished.push(i)),
    );
    await Promise.all(writers);
    // Neo4j's lock manager alone lets whichever waiter retries first win; the turns queue sends
    // the writers in arrival order, two at a time, so only the next one can overtake (when it
    // reaches the lock first: the one ahead of it was still opening a connection, say).
    expect([...finished].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    finished.forEach((writer, place) => expect(Math.abs(writer - place), `writer ${writer} finished ${place + 1}th`).toBeLessThanOrEqual(1));
    expect(await onHand(`${p}HOT`)).toEqual({ amount: 88, unit: 'kg' });
  });

  describe('refuses, and writes nothing,', () => {
    async function world() {
      const p = uid();
      await parties(api, p);
      await received(api, p, 'FLOUR', 100, 'kg');
      await received(api, p, 'MILK', 10, 'l');
      await produced(api, production(`${p}OLD`, [[`${p}FLOUR`, 1, 'kg']], [[`${p}TAKEN`, 1, 'kg']]));
      return p;
    }

    const cases: [string, string, (p: string) => ReturnType<typeof production>][] = [
      ['an empty inputs list', 'BAD_USER_INPUT', (p) => production(`${p}B`, [], [[`${p}OUT`, 1, 'kg']])],
      ['an empty outputs list', 'BAD_USER_INPUT', (p) => production(`${p}B`, [[`${p}FLOUR`, 1, 'kg']], [])],
      ['an output listed twice', 'BAD_USER_INPUT', (p) => production(`${p}B`, [[`${p}FLOUR`, 1, 'kg']], [[`${p}OUT`, 1, 'kg'], [`${p}OUT`, 1, 'kg']])],
      ['an unknown unit', 'BAD_USER_INPUT', (p) => production(`${p}B`, [[`${p}FLOUR`, 1, 'cup']], [[`${p}OUT`, 1, 'kg']])],
      ['a non-positive amount', 'BAD_USER_INPUT', (p) => production(`${p}B`, [[`${p}FLOUR`, 0, 'kg']], [[`${p}OUT`, 1, 'kg']])],
      ['an unknown input lot', 'NOT_FOUND', (p) => production(`${p}B`, [[`${p}FLOUR`, 1, 'kg'], [`${p}GHOST`, 1, 'kg']], [[`${p}OUT`, 1, 'kg']])],
      ['an output code that is taken', 'ALREADY_EXISTS', (p) => production(`${p}B`, [[`${p}FLOUR`, 1, 'kg']], [[`${p}TAKEN`, 1, 'kg']])],
      ['a batch code that is taken, with other content', 'ALREADY_EXISTS', (p) => production(`${p}OLD`, [[`${p}FLOUR`, 2, 'kg']], [[`${p}OUT`, 1, 'kg']])],
      ['a unit that does not convert to the lot\'s', 'UNIT_MISMATCH', (p) => production(`${p}B`, [[`${p}FLOUR`, 1, 'kg'], [`${p}MILK`, 1, 'kg']], [[`${p}OUT`, 1, 'kg']])],
      ['a count of a mass lot', 'UNIT_MISMATCH', (p) => production(`${p}B`, [[`${p}FLOUR`, 1, 'each']], [[`${p}OUT`, 1, 'kg']])],
      ['more than is on hand', 'INSUFFICIENT_QUANTITY', (p) => production(`${p}B`, [[`${p}MILK`, 1, 'l'], [`${p}FLOUR`, 99.5, 'kg']], [[`${p}OUT`, 1, 'kg']])],
      ['more than is on hand, over two lines of one lot', 'INSUFFICIENT_QUANTITY', (p) => production(`${p}B`, [[`${p}FLOUR`, 60, 'kg'], [`${p}FLOUR`, 40, 'kg']], [[`${p}OUT`, 1, 'kg']])],
    ];

    it.each(cases)('%s (%s)', async (_, code, input) => {
      const p = await world();
      const before = await snapshot(db, p);
      const result = await api.gql(RECORD_PRODUCTION, { input: input(p) });
      expect(codeOf(result)).toBe(code);
      expect(result.data).toBeNull();
      expect(await snapshot(db, p)).toBe(before);
    });

    it.each(['ON_HOLD', 'RECALLED'])('a lot that is %s (LOT_NOT_AVAILABLE)', async (status) => {
      const p = await world();
      await cypherRows(db, 'MATCH (l:Lot {code: $c}) SET l.status = $status', { c: `${p}MILK`, status });
      const before = await snapshot(db, p);
      const result = await api.gql(RECORD_PRODUCTION, {
        input: production(`${p}B`, [[`${p}FLOUR`, 1, 'kg'], [`${p}MILK`, 1, 'l']], [[`${p}OUT`, 1, 'kg']]),
      });
      expect(codeOf(result)).toBe('LOT_NOT_AVAILABLE');
      expect(result.errors![0].message).toContain(`${p}MILK`);
      expect(await snapshot(db, p)).toBe(before);
    });
  });

  it('says how much is on hand and how much was asked for', async () => {
    const p = uid();
    await parties(api, p);
    await received(api, p, 'FLOUR', 12, 'kg');
    const result = await api.gql(RECORD_PRODUCTION, { input: production(`${p}B`, [[`${p}FLOUR`, 15, 'kg']], [[`${p}OUT`, 1, 'kg']]) });
    expect(result.errors![0].message).toBe(`Lot ${p}FLOUR has 12 kg on hand; 15 kg was asked for.`);
  });
});
