import { describe, expect, it } from 'vitest';
import { type ReachedLot, walk } from './walk.js';

const graph = (edges: Record<string, [string, string | null][]>) =>
  new Map(Object.entries(edges).map(([code, next]): [string, ReachedLot] => [code, { code, next }]));

// A -B1-> X, A -B2-> Y, X -B3-> Z, Y -B3-> Z, Z -B4-> W
const g = graph({ A: [['B1', 'X'], ['B2', 'Y']], X: [['B3', 'Z']], Y: [['B3', 'Z']], Z: [['B4', 'W']], W: [] });

describe('walk', () => {
  it('gives each lot its fewest steps, once, and every batch passed', () => {
    expect(walk({ lotCodes: ['A'], depth: 0 }, g, null)).toEqual({
      lots: [{ code: 'A', depth: 0 }, { code: 'X', depth: 1 }, { code: 'Y', depth: 1 }, { code: 'Z', depth: 2 }, { code: 'W', depth: 3 }],
      batchCodes: ['B1', 'B2', 'B3', 'B4'],
      truncated: false,
    });
  });

  it('stops at maxDepth, leaves out the batches beyond it, and says it kept lots out', () => {
    expect(walk({ lotCodes: ['A'], depth: 0 }, g, 2)).toEqual({
      lots: [{ code: 'A', depth: 0 }, { code: 'X', depth: 1 }, { code: 'Y', depth: 1 }, { code: 'Z', depth: 2 }],
      batchCodes: ['B1', 'B2', 'B3'],
      truncated: true,
    });
  });

  it('is not truncated when the lots beyond the boundary were reached anyway', () => {
    // A -B1-> X and A -B2-> X: at maxDepth 1 nothing is kept out.
    const h = graph({ A: [['B1', 'X'], ['B2', 'X']], X: [] });
    expect(walk({ lotCodes: ['A'], depth: 0 }, h, 1).truncated).toBe(false);
    expect(walk({ lotCodes: ['A'], depth: 0 }, h, 0).truncated).toBe(true);
  });

  it('starts from a batch at depth 1, with the batch itself among the batches', () => {
    expect(walk({ lotCodes: ['X', 'Y'], depth: 1, batchCode: 'B0' }, g, null)).toEqual({
      lots: [{ code: 'X', depth: 1 }, { code: 'Y', depth: 1 }, { code: 'Z', depth: 2 }, { code: 'W', depth: 3 }],
      batchCodes: ['B0', 'B3', 'B4'],
      truncated: false,
    });
    expect(walk({ lotCodes: ['X'], depth: 1, batchCode: 'B0' }, g, 0)).toEqual({ lots: [], batchCodes: ['B0'], truncated: true });
  });

  it('keeps a batch that has no lot one step on', () => {
    const h = graph({ A: [['B1', null]] });
    expect(walk({ lotCodes: ['A'], depth: 0 }, h, null)).toEqual({ lots: [{ code: 'A', depth: 0 }], batchCodes: ['B1'], truncated: false });
  });
});
