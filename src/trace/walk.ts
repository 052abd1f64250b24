/**
 * Breadth-first depths over the lots a trace query returned. The query returns each reached
 * lot once with its next production steps (batch, next lot), so this walk costs what the
 * reached set costs, however many paths lead through it.
 */
export interface ReachedLot {
  code: string;
  /** One [batchCode, nextLotCode] per step out of the lot; nextLotCode is null for a batch with none. */
  next: readonly (readonly [string, string | null])[];
}

export interface WalkStart {
  /** The lots the walk starts from: the start lot, or a start batch's inputs or outputs. */
  lotCodes: readonly string[];
  /** 0 from a lot, 1 from a batch. */
  depth: number;
  /** Set when the trace starts at a batch: it is the first batch of the walk. */
  batchCode?: string;
}

export interface WalkResult {
  lots: { code: string; depth: number }[];
  batchCodes: string[];
  truncated: boolean;
}

/** The order every trace lists its lots in: fewest steps first, then by code. */
export const byDepthThenCode = (a: { code: string; depth: number }, b: { code: string; depth: number }) =>
  a.depth - b.depth || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function walk(start: WalkStart, reached: ReadonlyMap<string, ReachedLot>, maxDepth: number | null): WalkResult {
  const depth = new Map<string, number>();
  const batches = new Set<string>(start.batchCode ? [start.batchCode] : []);
  let truncated = false;
  const within = (d: number) => maxDepth === null || d <= maxDepth;

  let frontier: string[] = [];
  for (const code of start.lotCodes) {
    if (depth.has(code)) continue;
    if (!within(start.depth)) {
      truncated = true;
      continue;
    }
    depth.set(code, start.depth);
    frontier.push(code);
  }
  for (let d = start.depth; frontier.length > 0; d += 1) {
    const next: string[] = [];
    for (const code of frontier) {
      for (const [batchCode, lotCode] of reached.get(code)?.next ?? []) {
        if (!within(d + 1)) {
          // The boundary: a lot one step on that the walk has not reached is kept out by maxDepth.
          if (lotCode !== null && !depth.has(lotCode)) truncated = true;
          continue;
        }
        batches.add(batchCode);
        if (lotCode !== null && !depth.has(lotCode)) {
          depth.set(lotCode, d + 1);
          next.push(lotCode);
        }
      }
    }
    frontier = next;
  }
  const lots = [...depth].map(([code, d]) => ({ code, depth: d }));
  lots.sort(byDepthThenCode);
  return { lots, batchCodes: [...batches].sort(), truncated };
}
