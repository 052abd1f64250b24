import { describe, expect, it } from 'vitest';
import type { CypherStatement } from '../db/cypher.js';
import type { Params, Runner } from '../db/driver.js';
import { createLotLoaders } from './lot.loaders.js';

/** A fake db that records each statement it is sent and answers with rows out of order. */
function fakeDb(answer: (params: Params) => Record<string, unknown>[]) {
  const calls: { name: string; params: Params }[] = [];
  const db: Runner = {
    async run<T>(statement: CypherStatement, params: Params = {}) {
      calls.push({ name: statement.name, params });
      return answer(params) as T[];
    },
  };
  return { db, calls };
}

describe('lot loaders', () => {
  it('load many lots in one batched call, in the order asked, with null for a missing one', async () => {
    const { db, calls } = fakeDb(({ codes }) =>
      (codes as string[]).filter((c) => c !== 'MISSING').reverse().map((code) => ({ code, lot: { code } })),
    );
    const loaders = createLotLoaders(db, null);
    const lots = await Promise.all(['A', 'MISSING', 'B', 'A'].map((c) => loaders.lotByCode.load(c)));
    expect(lots).toEqual([{ code: 'A' }, null, { code: 'B' }, { code: 'A' }]);
    expect(calls).toEqual([{ name: 'lot/lotsByCodes', params: { codes: ['A', 'MISSING', 'B'], scope: null } }]);
  });

  it('group a lot\'s consumptions under it, and give an empty list to a lot with none', async () => {
    const { db, calls } = fakeDb(() => [
      { code: 'B', batchCode: 'X2', amount: 1, unit: 'kg' },
      { code: 'A', batchCode: 'X1', amount: 2, unit: 'kg' },
      { code: 'B', batchCode: 'X3', amount: 3, unit: 'kg' },
    ]);
    const loaders = createLotLoaders(db, null);
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((code) => loaders.consumptionsByLotCode.load(code)));
    expect(a).toEqual([{ lotCode: 'A', batchCode: 'X1', amount: 2, unit: 'kg' }]);
    expect(b.map((x) => x.batchCode)).toEqual(['X2', 'X3']);
    expect(c).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('are new per request: a second set asks the db again', async () => {
    const { db, calls } = fakeDb(({ codes }) => (codes as string[]).map((code) => ({ code, lot: { code } })));
    await createLotLoaders(db, null).lotByCode.load('A');
    await createLotLoaders(db, null).lotByCode.load('A');
    expect(calls).toHaveLength(2);
  });
});
