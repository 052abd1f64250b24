import { cypher, render } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { ReachedLot } from './walk.js';

const q = {
  forwardFromLots: cypher('trace/forwardFromLots'),
  backwardFromLots: cypher('trace/backwardFromLots'),
  batchEnds: cypher('trace/batchEnds'),
};

export type Direction = 'forward' | 'backward';

/**
 * Every lot reached from `codes` (themselves included) within `maxHops` relationships (null: no
 * bound), each with its next production steps.
 */
export async function reachFromLots(db: Runner, direction: Direction, codes: readonly string[], maxHops: number | null) {
  const statement = render(direction === 'forward' ? q.forwardFromLots : q.backwardFromLots, { maxHops });
  const rows = await db.run<{ code: string; next: [string, string | null][] }>(statement, { codes });
  // From several start lots the planner's breadth-first expand keeps each lot once per start,
  // DISTINCT notwithstanding: each lot is kept once here.
  const reached = new Map<string, ReachedLot>();
  for (const r of rows) reached.set(r.code, { code: r.code, next: r.next.filter((step) => step !== null) });
  return [...reached.values()];
}

export const batchEnds = async (db: Runner, code: string) =>
  (await db.run<{ code: string; inputs: string[]; outputs: string[] }>(q.batchEnds, { code }))[0] ?? null;
