import { cypher, render } from '../db/cypher.js';
import { toLines } from '../shipping/shipping.repository.js';
import type { Runner } from '../db/driver.js';
import type { SupplierMapper } from '../party/party.mappers.js';
import type { ShipmentLineMapper } from '../shipping/shipping.mappers.js';
import { byDepthThenCode, type ReachedLot } from './walk.js';

const q = {
  forwardFromLots: cypher('trace/forwardFromLots'),
  backwardFromLots: cypher('trace/backwardFromLots'),
  batchEnds: cypher('trace/batchEnds'),
  traceProcedure: cypher('trace/traceProcedure'),
  procedureInstalled: cypher('trace/procedureInstalled'),
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

/** Whether Neo4j has lotgraph's trace procedure (neo4j/procedures); a managed Neo4j may not. */
export const procedureInstalled = async (db: Runner) => (await db.run(q.procedureInstalled)).length > 0;

/** What the trace procedure answers: the walk's result with the lines and suppliers of its lots. */
export interface ProcedureTrace {
  lots: { code: string; depth: number }[];
  batchCodes: string[];
  truncated: boolean;
  /** Every shipment line of each lot reached (a lot with none is absent). */
  lines: ShipmentLineMapper[];
  /** The supplier of each received lot reached. */
  suppliers: { code: string; supplier: SupplierMapper }[];
}

interface ProcedureJson {
  missing?: true;
  truncated: boolean;
  batches: string[];
  lots: [string, number][];
  /** [index in lots, shipmentId, line, amount, unit, index in customers, shippedAtMs] */
  lines: [number, string, number, number, string, number, number][];
  /** [id, name, location]: each customer of a line once */
  customers: [string, string, string | null][];
  suppliers: [string, SupplierMapper][];
}

/**
 * The whole trace in one round trip: lotgraph.trace walks inside Neo4j and reads the answer's
 * shipment lines and suppliers there too. Null when the start does not exist.
 */
export async function traceByProcedure(
  db: Runner,
  direction: Direction,
  start: { lotCode: string | null; batchCode: string | null },
  maxDepth: number | null,
  maxLots: number,
): Promise<ProcedureTrace | null> {
  const rows = await db.run<{ json: string }>(q.traceProcedure, {
    ...start,
    direction,
    maxDepth: maxDepth === null ? null : BigInt(maxDepth),
    maxLots: BigInt(maxLots),
  });
  const answer = JSON.parse(rows.map((r) => r.json).join('')) as ProcedureJson;
  if (answer.missing) return null;
  const lots = answer.lots.map(([code, depth]) => ({ code, depth }));
  lots.sort(byDepthThenCode);
  return {
    lots,
    batchCodes: answer.batches,
    truncated: answer.truncated,
    lines: toLines(
      answer.lines.map(([lot, shipmentId, line, amount, unit, customer, shippedAtMs]) => {
        const [customerId, customerName, customerLocation] = answer.customers[customer];
        return { lotCode: answer.lots[lot][0], shipmentId, line, amount, unit, customerId, customerName, customerLocation, shippedAtMs: BigInt(shippedAtMs) };
      }),
    ),
    suppliers: answer.suppliers.map(([code, supplier]) => ({ code, supplier })),
  };
}
