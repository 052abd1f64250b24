/**
 * The same trace four ways, each returning the same answer shape so that the benchmark can check
 * they agree: (a) lotgraph's GraphQL API over HTTP, (b) the same Cypher statements run directly
 * with the driver, (c) PostgreSQL recursive CTEs over indexed tables, (d) a breadth-first walk
 * over adjacency arrays in this process (the floor).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { BulkEvent } from '../src/bulk/bulk.service.js';
import type { Db } from '../src/db/driver.js';
import { shipmentLinesByLotCodes } from '../src/shipping/shipping.repository.js';
import { apiFetch } from './auth.js';
import { traceByProcedure } from '../src/trace/trace.repository.js';
import { MAX_TRACE_LOTS } from '../src/trace/trace.service.js';
import { batchEnds, reachFromLots } from '../src/trace/trace.repository.js';
import { walk } from '../src/trace/walk.js';

export type Direction = 'forward' | 'backward';

export interface TraceRequest {
  direction: Direction;
  lotCode?: string;
  batchCode?: string;
}

export interface Answer {
  lots: number;
  lines: number;
  customers: number;
  /** A digest of every (lot, depth), shipment line and customer: equal digests, equal answers. */
  digest: string;
  /** For the variants that give the API's order (the API and PostgreSQL): a digest of lots and lines in the order given. */
  ordered?: string;
}

const inOrder = (lots: [string, number][], lines: [string, string][]) =>
  createHash('sha1').update(lots.map(([c, d]) => `${c}:${d}`).join(',')).update('|').update(lines.map(([s, l]) => `${s}/${l}`).join(',')).digest('hex');

function answer(lots: Iterable<[string, number]>, lines: Iterable<[string, string]>, customers: Iterable<string>): Answer {
  const l = [...lots].map(([c, d]) => `${c}:${d}`).sort();
  const s = [...lines].map(([shipment, lot]) => `${shipment}/${lot}`).sort();
  const c = [...new Set(customers)].sort();
  const digest = createHash('sha1').update(l.join(',')).update('|').update(s.join(',')).update('|').update(c.join(',')).digest('hex');
  return { lots: l.length, lines: s.length, customers: c.length, digest };
}

// (a) the API, end to end over HTTP.
const TRACE_QUERY = (direction: Direction) => `query($lotCode: ID, $batchCode: ID) {
  trace: ${direction === 'forward' ? 'traceForward' : 'traceBackward'}(lotCode: $lotCode, batchCode: $batchCode) {
    lots { depth lot { code } }
    shipmentLines { shipment { id } lot { code } }
    customers { id }
  }
}`;

export function apiVariant(url: string) {
  return async (req: TraceRequest): Promise<Answer> => {
    const res = await apiFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: TRACE_QUERY(req.direction), variables: { lotCode: req.lotCode, batchCode: req.batchCode } }),
    });
    const body = (await res.json()) as { data?: { trace: any }; errors?: unknown };
    if (!body.data) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
    const t = body.data.trace;
    const lots: [string, number][] = t.lots.map((l: any) => [l.lot.code, l.depth]);
    const lines: [string, string][] = t.shipmentLines.map((s: any) => [s.shipment.id, s.lot.code]);
    return { ...answer(lots, lines, t.customers.map((c: any) => c.id)), ordered: inOrder(lots, lines) };
  };
}

// (b') the trace procedure, called directly with the driver: the API's fast path below GraphQL.
export function procedureVariant(db: Db) {
  return async (req: TraceRequest): Promise<Answer> => {
    const t = (await traceByProcedure(db, req.direction, { lotCode: req.lotCode ?? null, batchCode: req.batchCode ?? null }, null, MAX_TRACE_LOTS))!;
    return answer(
      t.lots.map((l) => [l.code, l.depth]),
      t.lines.map((l) => [l.shipmentId, l.lotCode]),
      t.lines.map((l) => l.customer.id),
    );
  };
}

// (b) the Cypher statements of the API's fallback path, sent directly, in the same transactions.
export function cypherVariant(db: Db) {
  return async (req: TraceRequest): Promise<Answer> => {
    let result;
    if (req.lotCode) {
      const rows = await reachFromLots(db, req.direction, [req.lotCode], null);
      result = walk({ lotCodes: [req.lotCode], depth: 0 }, new Map(rows.map((r) => [r.code, r])), null);
    } else {
      result = await db.read(async (tx) => {
        const ends = (await batchEnds(tx, req.batchCode!))!;
        const start = { lotCodes: req.direction === 'forward' ? ends.outputs : ends.inputs, depth: 1, batchCode: ends.code };
        const rows = await reachFromLots(tx, req.direction, start.lotCodes, null);
        return walk(start, new Map(rows.map((r) => [r.code, r])), null);
      });
    }
    const lines = await shipmentLinesByLotCodes(db, result.lots.map((l) => l.code));
    return answer(
      result.lots.map((l) => [l.code, l.depth]),
      lines.map((l) => [l.shipmentId, l.lotCode]),
      lines.map((l) => l.customer.id),
    );
  };
}

// (c) PostgreSQL: the same data in indexed tables, the trace as a recursive CTE.
export async function loadPostgres(client: pg.Client, schema: string, events: readonly BulkEvent[]) {
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path TO ${schema};`);
  await client.query(`
    CREATE TABLE lot (code text PRIMARY KEY, product_sku text NOT NULL, unit text NOT NULL, quantity numeric NOT NULL);
    CREATE TABLE supplied (lot_code text PRIMARY KEY, supplier_id text NOT NULL);
    CREATE TABLE batch (code text PRIMARY KEY, produced_at timestamptz NOT NULL);
    CREATE TABLE consumed (lot_code text NOT NULL, batch_code text NOT NULL, quantity numeric NOT NULL, unit text NOT NULL);
    CREATE TABLE produced (batch_code text NOT NULL, lot_code text NOT NULL);
    CREATE TABLE shipment_line (shipment_id text NOT NULL, line int NOT NULL, lot_code text NOT NULL, customer_id text NOT NULL, quantity numeric NOT NULL, shipped_at timestamptz NOT NULL);
  `);
  const rows = { lot: [] as unknown[][], supplied: [] as unknown[][], batch: [] as unknown[][], consumed: [] as unknown[][], produced: [] as unknown[][], shipment_line: [] as unknown[][] };
  for (const e of events) {
    if (e.type === 'receipt') {
      rows.lot.push([e.lotCode, e.productSku, e.quantity.unit, e.quantity.amount]);
      rows.supplied.push([e.lotCode, e.supplierId]);
    } else if (e.type === 'production') {
      rows.batch.push([e.batchCode, e.producedAt]);
      for (const i of e.inputs) rows.consumed.push([i.lotCode, e.batchCode, i.quantity.amount, i.quantity.unit]);
      for (const o of e.outputs) {
        rows.lot.push([o.lotCode, o.productSku, o.quantity.unit, o.quantity.amount]);
        rows.produced.push([e.batchCode, o.lotCode]);
      }
    } else if (e.type === 'shipment') {
      e.lines.forEach((l, n) => rows.shipment_line.push([e.shipmentId, n, l.lotCode, e.customerId, l.quantity.amount, e.shippedAt]));
    }
  }
  const types: Record<keyof typeof rows, string[]> = {
    lot: ['text', 'text', 'text', 'numeric'],
    supplied: ['text', 'text'],
    batch: ['text', 'timestamptz'],
    consumed: ['text', 'text', 'numeric', 'text'],
    produced: ['text', 'text'],
    shipment_line: ['text', 'int', 'text', 'text', 'numeric', 'timestamptz'],
  };
  for (const [table, list] of Object.entries(rows) as [keyof typeof rows, unknown[][]][]) {
    const t = types[table];
    for (let i = 0; i < list.length; i += 20_000) {
      const slice = list.slice(i, i + 20_000);
      const columns = t.map((_, c) => slice.map((r) => r[c]));
      await client.query(`INSERT INTO ${table} SELECT * FROM unnest(${t.map((ty, c) => `$${c + 1}::${ty}[]`).join(', ')})`, columns);
    }
  }
  await client.query(`
    CREATE INDEX ON consumed (lot_code, batch_code);
    CREATE INDEX ON consumed (batch_code, lot_code);
    CREATE INDEX ON produced (batch_code, lot_code);
    CREATE INDEX ON produced (lot_code, batch_code);
    CREATE INDEX ON shipment_line (lot_code);
    ANALYZE;
  `);
}

const PG_WALK = {
  forward: `WITH RECURSIVE walk(code, depth) AS (
      SELECT s, $2::int FROM unnest($1::text[]) AS s
      UNION
      SELECT p.lot_code, w.depth + 1 FROM walk w
      JOIN consumed c ON c.lot_code = w.code
      JOIN produced p ON p.batch_code = c.batch_code)
    SELECT code, min(depth) AS depth FROM walk GROUP BY code ORDER BY depth, code COLLATE "C"`,
  backward: `WITH RECURSIVE walk(code, depth) AS (
      SELECT s, $2::int FROM unnest($1::text[]) AS s
      UNION
      SELECT c.lot_code, w.depth + 1 FROM walk w
      JOIN produced p ON p.lot_code = w.code
      JOIN consumed c ON c.batch_code = p.batch_code)
    SELECT code, min(depth) AS depth FROM walk GROUP BY code ORDER BY depth, code COLLATE "C"`,
};

export function postgresVariant(client: pg.Client) {
  return async (req: TraceRequest): Promise<Answer> => {
    let codes: string[];
    let depth = 0;
    if (req.lotCode) codes = [req.lotCode];
    else {
      const sql = req.direction === 'forward' ? 'SELECT lot_code FROM produced WHERE batch_code = $1' : 'SELECT lot_code FROM consumed WHERE batch_code = $1';
      codes = (await client.query(sql, [req.batchCode])).rows.map((r) => r.lot_code);
      depth = 1;
    }
    const lots = (await client.query(PG_WALK[req.direction], [codes, depth])).rows as { code: string; depth: number }[];
    const lines = (
      await client.query(
        `SELECT s.shipment_id, s.lot_code, s.customer_id FROM unnest($1::text[]) WITH ORDINALITY AS t(code, pos)
         JOIN shipment_line s ON s.lot_code = t.code ORDER BY t.pos, s.shipped_at, s.shipment_id COLLATE "C", s.line`,
        [lots.map((l) => l.code)],
      )
    ).rows;
    // The API's answer to the benchmark's query, in its shape and order: lots by depth then code,
    // lines lot by lot in that order (each lot's oldest first, then by shipment and line), and
    // each customer once, by id.
    const trace = {
      lots: lots.map((l) => ({ depth: Number(l.depth), lot: { code: l.code } })),
      shipmentLines: lines.map((l) => ({ shipment: { id: l.shipment_id }, lot: { code: l.lot_code } })),
      customers: [...new Set(lines.map((l) => l.customer_id as string))].sort((a, b) => (a < b ? -1 : 1)).map((id) => ({ id })),
    };
    const ordered: [string, number][] = trace.lots.map((l) => [l.lot.code, l.depth]);
    const shipped: [string, string][] = trace.shipmentLines.map((l) => [l.shipment.id, l.lot.code]);
    return { ...answer(ordered, shipped, trace.customers.map((c) => c.id)), ordered: inOrder(ordered, shipped) };
  };
}

// (d) the floor: the same graph as adjacency arrays in this process, walked breadth-first.
export function memoryVariant(events: readonly BulkEvent[]) {
  const index = new Map<string, number>();
  const codes: string[] = [];
  const id = (code: string) => {
    let i = index.get(code);
    if (i === undefined) {
      i = codes.length;
      index.set(code, i);
      codes.push(code);
    }
    return i;
  };
  const next: number[][] = [];
  const prev: number[][] = [];
  const lines: [string, string][][] = [];
  const batches = new Map<string, { inputs: number[]; outputs: number[] }>();
  const at = <T>(xs: T[][], i: number) => (xs[i] ??= []);
  for (const e of events) {
    if (e.type === 'receipt') id(e.lotCode);
    else if (e.type === 'production') {
      const inputs = e.inputs.map((i) => id(i.lotCode));
      const outputs = e.outputs.map((o) => id(o.lotCode));
      batches.set(e.batchCode, { inputs, outputs });
      for (const i of inputs) for (const o of outputs) {
        at(next, i).push(o);
        at(prev, o).push(i);
      }
    } else if (e.type === 'shipment') {
      for (const l of e.lines) at(lines, id(l.lotCode)).push([e.shipmentId, e.customerId]);
    }
  }
  return async (req: TraceRequest): Promise<Answer> => {
    const adj = req.direction === 'forward' ? next : prev;
    const depth = new Map<number, number>();
    let frontier: number[];
    if (req.lotCode) frontier = [index.get(req.lotCode)!];
    else {
      const b = batches.get(req.batchCode!)!;
      frontier = req.direction === 'forward' ? b.outputs : b.inputs;
    }
    let d = req.lotCode ? 0 : 1;
    for (const f of frontier) depth.set(f, d);
    while (frontier.length > 0) {
      const following: number[] = [];
      for (const f of frontier) for (const n of adj[f] ?? []) {
        if (!depth.has(n)) {
          depth.set(n, d + 1);
          following.push(n);
        }
      }
      frontier = following;
      d += 1;
    }
    const shipped: [string, string][] = [];
    const customers: string[] = [];
    for (const lot of depth.keys()) for (const [shipment, customer] of lines[lot] ?? []) {
      shipped.push([shipment, codes[lot]]);
      customers.push(customer);
    }
    return answer([...depth].map(([lot, dd]) => [codes[lot], dd]), shipped, customers);
  };
}
