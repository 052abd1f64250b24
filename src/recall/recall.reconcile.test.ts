import { describe, expect, it } from 'vitest';
import type { BalanceMapper } from './recall.mappers.js';
import { gapOf, percentOf, reconcile } from './recall.service.js';

const lot = (code: string, received: bigint, consumed: bigint, shipped: bigint, adjustedOut: bigint, onHand: bigint): BalanceMapper => ({
  code, depth: 0, productSku: 'S', productName: 'P', unit: 'kg', status: 'AVAILABLE',
  receivedBase: received, consumedBase: consumed, shippedBase: shipped, adjustedOutBase: adjustedOut, onHandBase: onHand,
});

describe('reconcile', () => {
  it('accounts for every unit of a lot that balances, adjustments included', () => {
    const b = lot('A', 1000n, 300n, 500n, 50n, 150n);
    expect(gapOf(b)).toBe(0n);
    expect(percentOf(b)).toBe(100);
    expect(reconcile([b])).toEqual({ lots: [b], gaps: [], percentAccountedFor: 100 });
  });

  it('lists a lot with a gap and the share accounted for, averaged over lots', () => {
    const ok = lot('A', 1000n, 1000n, 0n, 0n, 0n);
    const short = lot('B', 1000n, 0n, 700n, 0n, 50n);
    const result = reconcile([ok, short]);
    expect(gapOf(short)).toBe(250n);
    expect(percentOf(short)).toBe(75);
    expect(result.gaps).toEqual([short]);
    expect(result.percentAccountedFor).toBe(87.5);
  });

  it('shows more than 100% when a count correction found more than was recorded', () => {
    expect(percentOf(lot('C', 1000n, 0n, 0n, -100n, 1100n))).toBe(100);
    expect(percentOf(lot('D', 1000n, 0n, 0n, 0n, 1100n))).toBe(110);
  });
});
