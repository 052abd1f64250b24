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
 * maxDepth kept anything out. Costs one round trip from a lot and two from a batch, whatever
 * the depth or the number of paths.
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

  if (lotCode != null) {
    // One statement: an auto-commit read.
    const rows = await traceRepository.reachFromLots(db, direction, [lotCode], maxDepth === null ? null : 2 * maxDepth);
    if (rows.length === 0) throw notFound('lot', lotCode);
    return walk({ lotCodes: [lotCode], depth: 0 }, new Map(rows.map((r) => [r.code, r])), maxDepth);
  }
  // Two statements that must see the same data: one read transaction.
  return db.read(async (tx) => {
    const ends = await traceRepository.batchEnds(tx, batchCode!);
    if (!ends) throw notFound('batch', batchCode!);
    const start: WalkStart = { lotCodes: direction === 'forward' ? ends.outputs : ends.inputs, depth: 1, batchCode: ends.code };
    // Each production step is two relationships (lot to batch to lot); the start lots are one step in.
    const rows =
      (maxDepth !== null && maxDepth < 1) || start.lotCodes.length === 0
        ? []
        : await traceRepository.reachFromLots(tx, direction, start.lotCodes, maxDepth === null ? null : 2 * (maxDepth - 1));
    return walk(start, new Map(rows.map((r) => [r.code, r])), maxDepth);
  });
}
