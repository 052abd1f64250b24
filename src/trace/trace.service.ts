import type { Db } from '../db/driver.js';
import { badInput, notFound } from '../errors.js';
import type { TraceMapper } from './trace.mappers.js';
import * as traceRepository from './trace.repository.js';
import { type WalkStart, walk } from './walk.js';

/**
 * How traces run: 'procedure' (lotgraph.trace inside Neo4j, one round trip with the answer's
 * lines and suppliers) or 'cypher' (the variable-length statements in cypher/trace, on any Neo4j).
 */
export type TracePath = 'procedure' | 'cypher';

/** The largest trace the procedure answers whole; beyond it, a maxDepth shows a part at a time. */
export const MAX_TRACE_LOTS = 1_000_000;

const chosen = new WeakMap<object, Promise<TracePath>>();

/**
 * The path traces take on this Db: LOTGRAPH_TRACE_PATH when it says 'procedure' or 'cypher',
 * else the procedure where Neo4j has it (asked once per Db), else Cypher.
 */
export function tracePath(db: Db): Promise<TracePath> {
  const forced = process.env.LOTGRAPH_TRACE_PATH;
  if (forced === 'procedure' || forced === 'cypher') return Promise.resolve(forced);
  let path = chosen.get(db);
  if (!path) {
    path = traceRepository.procedureInstalled(db).then((installed): TracePath => (installed ? 'procedure' : 'cypher'));
    chosen.set(db, path);
    path.catch(() => chosen.delete(db));
  }
  return path;
}

/** A trace with what the procedure read besides: every shipment line and supplier of its lots. */
export interface TraceAnswer extends TraceMapper {
  extras?: Pick<traceRepository.ProcedureTrace, 'lines' | 'suppliers'>;
}

export interface TraceArgs {
  lotCode?: string | null;
  batchCode?: string | null;
  maxDepth?: number | null;
}

/**
 * Walks the graph from a lot or a batch, the whole way or `maxDepth` production steps, and
 * returns every lot reached once with its fewest steps, the batches passed and whether
 * maxDepth kept anything out. On the procedure path: one round trip, which also brings every
 * shipment line and supplier of the answer. On the Cypher path: one round trip from a lot and two
 * from a batch, whatever the depth or the number of paths.
 */
export async function trace(db: Db, direction: traceRepository.Direction, args: TraceArgs, path?: TracePath): Promise<TraceAnswer> {
  const { lotCode, batchCode } = args;
  const maxDepth = args.maxDepth ?? null;
  if ((lotCode == null) === (batchCode == null)) {
    throw badInput('Give exactly one of lotCode and batchCode to start a trace.');
  }
  if (maxDepth !== null && (!Number.isInteger(maxDepth) || maxDepth < 0)) {
    throw badInput(`maxDepth must be a whole number of production steps, 0 or more; got ${maxDepth}.`, 'maxDepth');
  }

  if ((path ?? (await tracePath(db))) === 'procedure') {
    let found;
    try {
      found = await traceRepository.traceByProcedure(db, direction, { lotCode: lotCode ?? null, batchCode: batchCode ?? null }, maxDepth, MAX_TRACE_LOTS);
    } catch (error) {
      if (/LOTGRAPH_TRACE_TOO_LARGE/.test((error as Error).message ?? '')) {
        throw badInput(`The trace reaches more than ${MAX_TRACE_LOTS.toLocaleString('en-US')} lots; give a maxDepth to see it a part at a time.`, 'maxDepth');
      }
      throw error;
    }
    if (!found) throw lotCode != null ? notFound('lot', lotCode) : notFound('batch', batchCode!);
    const { lines, suppliers, ...walked } = found;
    return { ...walked, extras: { lines, suppliers } };
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
