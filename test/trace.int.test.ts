import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/bakery.js';
import { codeOf, uid, withApi } from './helpers.js';
import { chain, diamond, type Graph, prng, randomGraph, storeGraph } from './fixtures/graphs.js';
import { TRACE_BACKWARD, TRACE_FORWARD } from './fixtures/operations.js';
import { traceByProcedure } from '../src/trace/trace.repository.js';
import { type ExpectedTrace, referenceTrace } from './fixtures/reference.js';

const { db, api } = withApi();

type Args = { lotCode?: string; batchCode?: string; maxDepth?: number | null };

async function trace(direction: 'forward' | 'backward', args: Args) {
  const result = await api.gql(direction === 'forward' ? TRACE_FORWARD : TRACE_BACKWARD, args);
  expect(result.errors).toBeUndefined();
  return direction === 'forward' ? result.data.traceForward : result.data.traceBackward;
}

/** A trace's answer in the reference's shape: codes only, sorted. */
function shape(t: any): ExpectedTrace {
  return {
    lots: t.lots.map((l: any) => ({ code: l.lot.code, depth: l.depth })),
    batches: t.batches.map((b: any) => b.code).sort(),
    suppliers: t.suppliers.map((s: any) => s.id).sort(),
    customers: t.customers.map((c: any) => c.id).sort(),
    shipmentLines: t.shipmentLines.map((l: any) => `${l.shipment.id}/${l.lot.code}`).sort(),
    truncated: t.truncated,
  };
}

// Every trace test runs on both paths: the procedure inside Neo4j, and the Cypher of
// cypher/trace (the fallback, and what README shows analysts).
describe.each(['procedure', 'cypher'])('on the %s path', (path) => {
  beforeAll(() => {
    process.env.LOTGRAPH_TRACE_PATH = path;
  });
  afterAll(() => {
    delete process.env.LOTGRAPH_TRACE_PATH;
  });

  describe('traces on the cookie complaint', () => {
    let p: string;
    beforeAll(async () => {
      p = uid('COOKIE');
      await loadDemo(db, p);
    });

    it('answers which batch the cookies came from and every ingredient lot in it, with its depth', async () => {
      const t = await trace('backward', { lotCode: `${p}COOKIE-0302-A` });
      expect(t.lots.map((l: any) => [l.lot.code.slice(p.length), l.depth])).toEqual([
        ['COOKIE-0302-A', 0],
        ['CHOC-0228', 1],
        ['DOUGH-0302', 1],
        ['BUTTER-0302', 2],
        ['EGGS-0302', 2],
        ['FLOUR-0301', 2],
        ['MOTHER-0302', 2],
        ['SUGAR-0301', 2],
        ['MOTHER-0301', 3],
      ]);
      expect(t.batches.map((b: any) => b.code.slice(p.length))).toEqual(['B-COOKIE-0302', 'B-DOUGH-0302', 'B-MOTHER-0301', 'B-MOTHER-0302']);
      expect(t.suppliers.map((s: any) => s.id.slice(p.length))).toEqual(['SUP-COCOA', 'SUP-DAIRY', 'SUP-EGGS', 'SUP-MILL', 'SUP-SUGAR']);
      expect(t.truncated).toBe(false);
      // The later run from another flour lot is not in this product.
      expect(t.lots.map((l: any) => l.lot.code)).not.toContain(`${p}FLOUR-0305`);
    });

    it('answers who else received product from the batch', async () => {
      const t = await trace('forward', { batchCode: `${p}B-COOKIE-0302` });
      expect(t.lots.map((l: any) => [l.lot.code.slice(p.length), l.depth])).toEqual([['COOKIE-0302-A', 1], ['COOKIE-0302-B', 1]]);
      expect(t.batches.map((b: any) => b.code.slice(p.length))).toEqual(['B-COOKIE-0302']);
      expect(t.customers.map((c: any) => c.id.slice(p.length))).toEqual(['CUST-CITYMART', 'CUST-CORNER', 'CUST-SCHOOLS']);
      expect(t.shipmentLines.map((l: any) => [l.shipment.id.slice(p.length), l.quantity.amount])).toEqual([
        ['SHP-1001', 400], ['SHP-1002', 120], ['SHP-1003', 40],
      ]);
    });

    it('follows a suspect flour lot through dough and the mother dough to every customer', async () => {
      const t = await trace('forward', { lotCode: `${p}FLOUR-0301` });
      expect(t.lots.map((l: any) => [l.lot.code.slice(p.length), l.depth])).toEqual([
        ['FLOUR-0301', 0],
        ['DOUGH-0302', 1],
        ['MOTHER-0301', 1],
        ['MOTHER-0302', 1],
        ['COOKIE-0302-A', 2],
        ['COOKIE-0302-B', 2],
      ]);
      expect(t.customers.map((c: any) => c.id.slice(p.length))).toEqual(['CUST-CITYMART', 'CUST-CORNER', 'CUST-SCHOOLS']);
      const other = await trace('forward', { lotCode: `${p}FLOUR-0305` });
      expect(other.customers.map((c: any) => c.id.slice(p.length))).toEqual(['CUST-CAFE']);
    });

    it('stops at maxDepth and says that it did', async () => {
      const t = await trace('backward', { lotCode: `${p}COOKIE-0302-A`, maxDepth: 1 });
      expect(t.lots.map((l: any) => l.lot.code.slice(p.length))).toEqual(['COOKIE-0302-A', 'CHOC-0228', 'DOUGH-0302']);
      expect(t.batches.map((b: any) => b.code.slice(p.length))).toEqual(['B-COOKIE-0302']);
      expect(t.truncated).toBe(true);
      const whole = await trace('backward', { lotCode: `${p}COOKIE-0302-A`, maxDepth: 3 });
      expect(whole.lots).toHaveLength(9);
      expect(whole.truncated).toBe(false);
    });

    it('with maxDepth 0 returns the start lot alone, no batch, and truncated when it has inputs', async () => {
      const t = await trace('backward', { lotCode: `${p}COOKIE-0302-A`, maxDepth: 0 });
      expect(t.lots).toEqual([{ depth: 0, lot: { code: `${p}COOKIE-0302-A` } }]);
      expect(t.batches).toEqual([]);
      expect(t.truncated).toBe(true);
      const leaf = await trace('backward', { lotCode: `${p}FLOUR-0301`, maxDepth: 0 });
      expect(leaf.truncated).toBe(false);
      expect(leaf.suppliers.map((s: any) => s.id)).toEqual([`${p}SUP-MILL`]);
    });

    it('from a batch with maxDepth 0 keeps out even its own outputs', async () => {
      const t = await trace('forward', { batchCode: `${p}B-COOKIE-0302`, maxDepth: 0 });
      expect(t.lots).toEqual([]);
      expect(t.batches).toEqual([{ code: `${p}B-COOKIE-0302` }]);
      expect(t.truncated).toBe(true);
    });
  });

  describe('trace arguments', () => {
    it.each([
      ['neither lotCode nor batchCode', {}],
      ['both lotCode and batchCode', { lotCode: 'a', batchCode: 'b' }],
      ['a negative maxDepth', { lotCode: 'a', maxDepth: -1 }],
    ])('refuses %s with BAD_USER_INPUT', async (_, args) => {
      expect(codeOf(await api.gql(TRACE_FORWARD, args))).toBe('BAD_USER_INPUT');
      expect(codeOf(await api.gql(TRACE_BACKWARD, args))).toBe('BAD_USER_INPUT');
    });

    it('refuses a start that does not exist with NOT_FOUND', async () => {
      expect(codeOf(await api.gql(TRACE_FORWARD, { lotCode: 'no-such-lot' }))).toBe('NOT_FOUND');
      expect(codeOf(await api.gql(TRACE_BACKWARD, { batchCode: 'no-such-batch' }))).toBe('NOT_FOUND');
    });
  });

  describe('traces on shapes that break path enumeration', () => {
    it('walk a diamond of 20 levels (2^20 paths) once per lot, with the fewest steps as depth', async () => {
      const p = uid('DIA');
      const n = 20;
      await storeGraph(db, diamond(p, n));
      const forward = await trace('forward', { lotCode: `${p}L0` });
      expect(forward.lots).toHaveLength(1 + 3 * n);
      const depths = new Map(forward.lots.map((l: any) => [l.lot.code, l.depth]));
      for (let i = 1; i <= n; i += 1) {
        expect(depths.get(`${p}L${i}`)).toBe(2 * i);
        expect(depths.get(`${p}A${i}`)).toBe(2 * i - 1);
        expect(depths.get(`${p}B${i}`)).toBe(2 * i - 1);
      }
      expect(forward.batches).toHaveLength(3 * n);
      expect(forward.truncated).toBe(false);

      const backward = await trace('backward', { lotCode: `${p}L${n}` });
      expect(backward.lots).toHaveLength(1 + 3 * n);
      expect(backward.lots.at(-1)).toEqual({ depth: 2 * n, lot: { code: `${p}L0` } });

      const bounded = await trace('forward', { lotCode: `${p}L0`, maxDepth: 5 });
      expect(bounded.lots.map((l: any) => l.depth).sort((a: number, b: number) => a - b).at(-1)).toBe(5);
      // L0; A1 B1; L1; A2 B2; L2; A3 B3 (depth 5).
      expect(bounded.lots).toHaveLength(9);
      expect(bounded.truncated).toBe(true);
    });

    it('walk a mother-dough chain 1000 days deep the whole way, and stop where maxDepth says', async () => {
      const p = uid('CHAIN');
      const n = 1000;
      await storeGraph(db, chain(p, n));
      const forward = await trace('forward', { lotCode: `${p}L0` });
      expect(forward.lots).toHaveLength(n + 1);
      forward.lots.forEach((l: any, i: number) => expect(l).toEqual({ depth: i, lot: { code: `${p}L${i}` } }));
      expect(forward.batches).toHaveLength(n);
      expect(forward.customers).toEqual([{ id: `${p}CUST` }]);
      expect(forward.truncated).toBe(false);

      const backward = await trace('backward', { lotCode: `${p}L${n}` });
      expect(backward.lots).toHaveLength(n + 1);
      expect(backward.lots.at(-1)).toEqual({ depth: n, lot: { code: `${p}L0` } });
      expect(backward.suppliers).toEqual([{ id: `${p}SUP` }]);

      const bounded = await trace('backward', { lotCode: `${p}L${n}`, maxDepth: 600 });
      expect(bounded.lots).toHaveLength(601);
      expect(bounded.batches).toHaveLength(600);
      expect(bounded.truncated).toBe(true);
      const exact = await trace('backward', { lotCode: `${p}L${n}`, maxDepth: n });
      expect(exact.truncated).toBe(false);
    });
  });

  describe('traces on random production graphs', () => {
    it.each([11, 23, 37])('match the reference walk for every start, direction and maxDepth (seed %i)', async (seed) => {
      const p = uid(`RND${seed}`);
      const g: Graph = randomGraph(p, seed);
      await storeGraph(db, g);
      const rnd = prng(seed * 7);
      const starts: { lotCode?: string; batchCode?: string }[] = [];
      for (let i = 0; i < 6; i += 1) starts.push({ lotCode: g.lots[Math.floor(rnd() * g.lots.length)] });
      for (let i = 0; i < 3; i += 1) starts.push({ batchCode: g.batches[Math.floor(rnd() * g.batches.length)].code });
      for (const start of starts) {
        for (const direction of ['forward', 'backward'] as const) {
          for (const maxDepth of [null, 0, 1, 2, 4]) {
            const actual = shape(await trace(direction, { ...start, maxDepth }));
            const expected = referenceTrace(g, direction, start, maxDepth);
            expect(actual, `${direction} from ${JSON.stringify(start)} maxDepth ${maxDepth}`).toEqual(expected);
          }
        }
      }
    });
  });
});

describe('the trace procedure', () => {
  it('refuses an answer beyond its size cap, naming the cap, rather than building it', async () => {
    const p = uid('CAP');
    await storeGraph(db, chain(p, 30));
    await expect(traceByProcedure(db, 'forward', { lotCode: `${p}L0`, batchCode: null }, null, 10)).rejects.toThrow(/LOTGRAPH_TRACE_TOO_LARGE: the trace reaches more than 10 lots/);
    const bounded = await traceByProcedure(db, 'forward', { lotCode: `${p}L0`, batchCode: null }, 5, 10);
    expect(bounded!.lots).toHaveLength(6);
    expect(bounded!.truncated).toBe(true);
  });

  it('answers null for a start that does not exist, and refuses a call with both starts or neither', async () => {
    expect(await traceByProcedure(db, 'forward', { lotCode: 'no-such-lot', batchCode: null }, null, 10)).toBeNull();
    expect(await traceByProcedure(db, 'backward', { lotCode: null, batchCode: 'no-such-batch' }, null, 10)).toBeNull();
    await expect(traceByProcedure(db, 'forward', { lotCode: 'a', batchCode: 'b' }, null, 10)).rejects.toThrow(/exactly one/);
  });
});
