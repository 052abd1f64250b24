import type { Db } from '../db/driver.js';
import { badInput, notFound } from '../errors.js';
import type { TraceMapper } from './trace.mappers.js';
import * as traceRepository from './trace.repository.js';
import { type WalkStart, walk } from './walk.js';

export interface TraceArgs {
  lotCode?: string | null;
  batchCode?: string | null;
  maxDepth?: number | null;
}

/**
 * Walks the graph from a lot or a batch, the whole way or `maxDepth` production steps, and
 * returns every lot reached once with its fewest steps, the batches passed and whether
 * maxDepth kept anything out. Costs a bounded number of round trips (one from a lot, two from
 * a batch) whatever the depth or the number of paths.
 */
export async function trace(db: Db, direction: traceRepository.Direction, args: TraceArgs): Promise<TraceMapper> {
  const { lotCode, batchCode } = args;
  const maxDepth = args.maxDepth ?? null;
  if ((lotCode == null) === (batchCode == null)) {
    throw badInput('Give exactly one of lotCode and batchCode to start a trace.');
  }
  if (maxDepth !== null && (!Number.isInteger(maxDepth) || maxDepth < 0)) {
    throw badInput(`maxDepth must be a whole number of production steps, 0 or more; got ${maxDepth}.`, 'maxDepth');
  }

  return db.read(async (tx) => {
    let start: WalkStart;
    if (lotCode != null) {
      start = { lotCodes: [lotCode], depth: 0 };
    } else {
      const ends = await traceRepository.batchEnds(tx, batchCode!);
      if (!ends) throw notFound('batch', batchCode!);
      start = { lotCodes: direction === 'forward' ? ends.outputs : ends.inputs, depth: 1, batchCode: ends.code };
    }
    // Each production step is two relationships (lot to batch to lot).
    const hops = maxDepth === null ? null : Math.max(0, 2 * (maxDepth - start.depth));
    const skipQuery = maxDepth !== null && maxDepth < start.depth;
    const rows = skipQuery || start.lotCodes.length === 0 ? [] : await traceRepository.reachFromLots(tx, direction, start.lotCodes, hops);
    if (lotCode != null && rows.length === 0) throw notFound('lot', lotCode);

    return walk(start, new Map(rows.map((r) => [r.code, r])), maxDepth);
  });
}
