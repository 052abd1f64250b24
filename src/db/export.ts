/**
 * The logical export: every record (every node and relationship, with every property) as
 * newline-delimited JSON, taken online from a running Neo4j (`npm run db:export`), and loaded
 * back into an empty database (`npm run db:import`). Unlike a dump it is readable, diffable, and
 * independent of Neo4j's store format and version.
 *
 * The file: a header line, one line per node, one per relationship, and a trailer line with the
 * counts (a file without it was cut short, and is refused):
 *   {"format":"lotgraph-export","version":1,"exportedAt":"..."}
 *   {"node":"<id>","labels":["Lot"],"props":{...}}
 *   {"rel":"CONSUMED_IN","from":"<id>","to":"<id>","props":{...}}
 *   {"end":{"nodes":N,"relationships":M}}
 * Values keep their Neo4j types: integers as {"$int":"12"}, temporal values as
 * {"$datetime":"2026-03-02T06:00:00Z"} (and $date, $localdatetime), floats and text as JSON.
 *
 * Neo4j Community reads with read-committed isolation, not a snapshot: every record is whole
 * (each was committed in one transaction), but a write committed during the export may be in it
 * or not, and a lot's on-hand amount is as it was when that lot was read. For an exact point in
 * time, export while no one writes, or take a dump (npm run db:backup).
 */
import { createReadStream, createWriteStream, openSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { cypher } from './cypher.js';
import type { Db } from './driver.js';
import { applySchema } from './schema.js';

const q = {
  allNodes: cypher('export/allNodes'),
  allRelationships: cypher('export/allRelationships'),
  createNodes: cypher('export/createNodes'),
  createRelationships: cypher('export/createRelationships'),
  nodeCount: cypher('export/nodeCount'),
};

export const FORMAT = 'lotgraph-export';
export const VERSION = 1;

export class ExportError extends Error {}

/** A Neo4j value as JSON that `decode` turns back into the same Neo4j value. */
export function encode(value: unknown, where = 'a property'): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return { $int: value.toString() };
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $float: String(value) };
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => encode(v, where));
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (neo4j.isDateTime(value)) return { $datetime: String(value) };
  if (neo4j.isDate(value)) return { $date: String(value) };
  if (neo4j.isLocalDateTime(value)) return { $localdatetime: String(value) };
  throw new ExportError(`${where} holds a value of a type the export does not carry: ${Object.prototype.toString.call(value)} ${String(value)}`);
}

const DATE = /^(-?\d{4,})-(\d{2})-(\d{2})$/;
const LOCAL = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/;
const ZONED = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?(?:\[([^\]]+)\])?$/;

function parts(m: RegExpExecArray): [number, number, number, number, number, number, number] {
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number((m[7] ?? '').padEnd(9, '0'))];
}

function offsetSeconds(text: string): number {
  if (text === 'Z') return 0;
  const [h, m, s = '0'] = text.slice(1).split(':');
  return (text[0] === '-' ? -1 : 1) * (Number(h) * 3600 + Number(m) * 60 + Number(s));
}

/** The Neo4j value that `encode` wrote. */
export function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decode);
  const tagged = value as Record<string, string>;
  if ('$int' in tagged) return BigInt(tagged.$int);
  if ('$float' in tagged) return Number(tagged.$float);
  if ('$datetime' in tagged) {
    const m = ZONED.exec(tagged.$datetime);
    if (!m || (!m[8] && !m[9])) throw new ExportError(`Not a zoned date-time: ${tagged.$datetime}`);
    return new neo4j.types.DateTime(...parts(m), m[9] ? undefined : offsetSeconds(m[8]), m[9] ?? undefined);
  }
  if ('$localdatetime' in tagged) {
    const m = LOCAL.exec(tagged.$localdatetime);
    if (!m) throw new ExportError(`Not a local date-time: ${tagged.$localdatetime}`);
    return new neo4j.types.LocalDateTime(...parts(m));
  }
  if ('$date' in tagged) {
    const m = DATE.exec(tagged.$date);
    if (!m) throw new ExportError(`Not a date: ${tagged.$date}`);
    return new neo4j.types.Date(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  throw new ExportError(`An unknown value in the export: ${JSON.stringify(value)}`);
}

const encodeProps = (props: Record<string, unknown>, where: string) =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, encode(v, `${where}.${k}`)]));
const decodeProps = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, decode(v)]));

export interface ExportCounts {
  nodes: number;
  relationships: number;
}

/** Every record of the database as the export's lines (see the file comment), read online; fills `counts` as it goes. */
export async function* exportLines(db: Db, counts: ExportCounts = { nodes: 0, relationships: 0 }): AsyncGenerator<string> {
  const line = (value: unknown) => `${JSON.stringify(value)}\n`;
  yield line({ format: FORMAT, version: VERSION, exportedAt: new Date().toISOString() });
  for await (const n of db.stream<{ id: string; labels: string[]; props: Record<string, unknown> }>(q.allNodes, {}, { raw: true, fetchSize: 5000 })) {
    yield line({ node: n.id, labels: n.labels, props: encodeProps(n.props, `node ${n.labels.join(':')}`) });
    counts.nodes += 1;
  }
  for await (const r of db.stream<{ type: string; a: string; b: string; props: Record<string, unknown> }>(q.allRelationships, {}, { raw: true, fetchSize: 5000 })) {
    yield line({ rel: r.type, from: r.a, to: r.b, props: encodeProps(r.props, `relationship ${r.type}`) });
    counts.relationships += 1;
  }
  yield line({ end: counts });
}

/** Exports into a new file (gzip-compressed when its name ends in .gz); never over an existing one. */
export async function exportToFile(db: Db, file: string): Promise<ExportCounts> {
  const fd = openSync(file, 'wx');
  const counts: ExportCounts = { nodes: 0, relationships: 0 };
  const target = createWriteStream(file, { fd });
  try {
    const source = Readable.from(exportLines(db, counts));
    if (file.endsWith('.gz')) await pipeline(source, createGzip(), target);
    else await pipeline(source, target);
    return counts;
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  }
}

type Line =
  | { format: string; version: number }
  | { node: string; labels: string[]; props: Record<string, unknown> }
  | { rel: string; from: string; to: string; props: Record<string, unknown> }
  | { end: ExportCounts };

async function* lines(file: string): AsyncGenerator<[number, Line]> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let n = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    n += 1;
    if (text.trim() === '') continue;
    try {
      yield [n, JSON.parse(text) as Line];
    } catch {
      throw new ExportError(`Line ${n} of ${file} is not JSON.`);
    }
  }
}

/**
 * Reads the whole file once and checks it: the header, every line's shape, every relationship's
 * nodes, and the trailer's counts. Nothing is written unless all of it holds.
 */
async function check(file: string): Promise<ExportCounts> {
  const nodes = new Set<string>();
  let relationships = 0;
  let header = false;
  let end: ExportCounts | null = null;
  for await (const [n, line] of lines(file)) {
    if (end) throw new ExportError(`Line ${n}: records after the trailer.`);
    if (!header) {
      if (!('format' in line) || line.format !== FORMAT) throw new ExportError(`${file} is not a lotgraph export (its first line names no format "${FORMAT}").`);
      if (line.version !== VERSION) throw new ExportError(`${file} is a version ${line.version} export; this lotgraph reads version ${VERSION}.`);
      header = true;
    } else if ('node' in line) {
      if (typeof line.node !== 'string' || !Array.isArray(line.labels) || typeof line.props !== 'object') throw new ExportError(`Line ${n}: a node without id, labels or properties.`);
      nodes.add(line.node);
    } else if ('rel' in line) {
      if (!nodes.has(line.from) || !nodes.has(line.to)) throw new ExportError(`Line ${n}: a ${line.rel} relationship to a node the file does not hold.`);
      relationships += 1;
    } else if ('end' in line) {
      end = line.end;
    } else {
      throw new ExportError(`Line ${n}: neither a node, a relationship nor the trailer.`);
    }
  }
  if (!header) throw new ExportError(`${file} is empty.`);
  if (!end) throw new ExportError(`${file} has no trailer: it was cut short. Nothing was loaded.`);
  if (end.nodes !== nodes.size || end.relationships !== relationships) {
    throw new ExportError(`${file} holds ${nodes.size} nodes and ${relationships} relationships; its trailer says ${end.nodes} and ${end.relationships}.`);
  }
  return end;
}

/**
 * Loads an export into an empty database: checks the whole file first, then writes nodes and
 * relationships in transactions of `chunk` records. Should it stop half-way (Neo4j gone), the
 * database holds part of the file: empty it and load again.
 */
export async function importRecords(db: Db, file: string, options: { chunk?: number; log?: (line: string) => void } = {}): Promise<ExportCounts> {
  const chunk = options.chunk ?? 5000;
  const expected = await check(file);
  const [{ nodes: present }] = await db.run<{ nodes: bigint }>(q.nodeCount);
  if (present > 0n) throw new ExportError(`The database holds ${present} nodes; an export loads only into an empty database.`);
  await applySchema(db);
  const ids = new Map<string, string>();
  let nodeRows: { id: string; labels: string[]; props: Record<string, unknown> }[] = [];
  let relRows: { type: string; a: string; b: string; props: Record<string, unknown> }[] = [];
  const flushNodes = async () => {
    if (nodeRows.length === 0) return;
    const rows = nodeRows;
    nodeRows = [];
    const made = await db.write((tx) => tx.run<{ id: string; elementId: string }>(q.createNodes, { rows }));
    for (const m of made) ids.set(m.id, m.elementId);
  };
  const flushRels = async () => {
    if (relRows.length === 0) return;
    const rows = relRows;
    relRows = [];
    await db.write((tx) => tx.run(q.createRelationships, { rows }));
  };
  let written = 0;
  for await (const [, line] of lines(file)) {
    if ('node' in line) {
      nodeRows.push({ id: line.node, labels: line.labels, props: decodeProps(line.props) });
      if (nodeRows.length >= chunk) await flushNodes();
    } else if ('rel' in line) {
      await flushNodes();
      relRows.push({ type: line.rel, a: ids.get(line.from)!, b: ids.get(line.to)!, props: decodeProps(line.props) });
      if (relRows.length >= chunk) await flushRels();
    } else continue;
    written += 1;
    if (written % 100_000 === 0) options.log?.(`${written} of ${expected.nodes + expected.relationships} records loaded`);
  }
  await flushNodes();
  await flushRels();
  return expected;
}

/** Where an export goes unless a file is given: backups/ at the project root (git-ignored). */
export const defaultExportFile = (root: string, now = new Date()) =>
  `${root}/backups/lotgraph-${now.toISOString().replace(/[:.]/g, '-')}.ndjson.gz`;
