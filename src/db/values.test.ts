import { describe, expect, it } from 'vitest';
import { columns } from './values.js';

describe('columns', () => {
  it('gives one list per field in row order, an absent value as null', () => {
    const rows: { code: string; note?: string | null; n: number }[] = [{ code: 'A', note: 'x', n: 1 }, { code: 'B', n: 2 }, { code: 'C', note: null, n: 0 }];
    expect(columns(rows, ['code', 'note', 'n'])).toEqual({ code: ['A', 'B', 'C'], note: ['x', null, null], n: [1, 2, 0] });
  });

  it('gives empty lists for no rows', () => {
    expect(columns([] as { code: string }[], ['code'])).toEqual({ code: [] });
  });
});
