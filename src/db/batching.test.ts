import { describe, expect, it } from 'vitest';
import { loaded, manyEach, oneEach } from './batching.js';

describe('batching helpers', () => {
  it('put one value per key back in key order, null where a key found nothing', () => {
    const rows = [{ k: 'b', v: 2 }, { k: 'a', v: 1 }];
    expect(oneEach(['a', 'x', 'b'], rows, (r) => r.k, (r) => r.v)).toEqual([1, null, 2]);
  });

  it('group many values per key in row order, an empty list where a key found nothing', () => {
    const rows = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'a', v: 3 }];
    expect(manyEach(['a', 'b', 'c'], rows, (r) => r.k, (r) => r.v)).toEqual([[1, 3], [2], []]);
  });

  it('drop the nulls of a loadMany, and fail on its first error instead of losing it', () => {
    expect(loaded([1, null, 2])).toEqual([1, 2]);
    expect(() => loaded([1, new Error('database went away'), 2])).toThrow('database went away');
  });
});
