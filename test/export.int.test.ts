import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEvents } from '../src/bulk/bulk.service.js';
import { connectToLauncher } from '../src/db/connect.js';
import type { Db } from '../src/db/driver.js';
import { decode, encode, ExportError, exportToFile, importRecords } from '../src/db/export.js';
import { start, stop } from '../src/db/launcher.js';
import { applySchema } from '../src/db/schema.js';
import { trace } from '../src/trace/trace.service.js';
import { demoEvents } from './fixtures/events.js';
import { scratchLauncher, startApi } from './helpers.js';

// A launcher Neo4j of this file's own: the test empties its database.
const { config: c, stateDir } = scratchLauncher('export', 21_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'lotgraph-export-'));
let db: Db;

const T = '2026-03-05T08:00:00Z';
const q = (amount: number, unit = 'kg') => ({ amount, unit });

beforeAll(async () => {
  await start(c, () => undefined);
  db = connectToLauncher(c);
  await applySchema(db);
  await importEvents(db, demoEvents('EX-'));
  // Records of every kind besides the events: holds, adjustments, recalls and their notices, keys, the audit.
  const api = await startApi(db, { error: () => undefined, info: () => undefined });
  const run = async (field: string, type: string, input: unknown) => {
    const r = await api.gql(`mutation($i: ${type}) { ${field}(input: $i) { __typename } }`, { i: input });
    expect(r.errors, field).toBeUndefined();
  };
  await run('holdLots', 'HoldLotsInput!', { lotCodes: ['EX-FLOUR-0301'], reason: 'Check', by: 'QA', at: T });
  await run('releaseLots', 'ReleaseLotsInput!', { lotCodes: ['EX-FLOUR-0301'], reason: 'Fine', by: 'QA', at: T });
  await run('recordAdjustment', 'AdjustmentInput!', { adjustmentId: 'EX-ADJ', lotCode: 'EX-FLOUR-0301', kind: 'WASTE', direction: 'DECREASE', quantity: q(1.5), reason: 'Spill', by: 'QA', at: T });
  await run('runMockRecall', 'MockRecallInput!', { recallId: 'EX-MOCK', reason: 'Drill', by: 'QA', start: { lotCodes: ['EX-FLOUR-0301'] } });
  await run('createApiKey', 'CreateApiKeyInput!', { name: 'EX key', role: 'VIEWER' });
}, 180_000);

afterAll(async () => {
  await db?.close();
  await stop(c);
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** Every node's labels and properties and every relationship with its ends, as sorted text, and two traces. */
async function everything(on: Db) {
  // The trace procedure gives each lot's supplier in the order Neo4j stores relationships, which
  // a reload may change (the API answers by lot); compared by lot code.
  const inOrder = <T extends { extras?: { suppliers: { code: string }[] } }>(t: T): T =>
    t.extras ? { ...t, extras: { ...t.extras, suppliers: [...t.extras.suppliers].sort((a, b) => a.code.localeCompare(b.code)) } } : t;
  const text = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  const key = 'coalesce(n.code, n.id, n.sku, n.hash, n.inputDigest + toString(n.at))';
  // Each property's Neo4j type too: a date-time loaded back as text would print the same.
  const nodes = await on.run({ name: 'all', text: `MATCH (n) RETURN labels(n) AS labels, properties(n) AS props, [k IN keys(n) | k + ' ' + valueType(n[k])] AS types, ${key} AS key` });
  const rels = await on.run({
    name: 'all',
    text: `MATCH (n)-[r]->(m) RETURN type(r) AS t, ${key} AS a, ${key.replaceAll('n.', 'm.')} AS b, properties(r) AS props, [k IN keys(r) | k + ' ' + valueType(r[k])] AS types`,
  });
  // keys() follows the store's order, which a reload may change.
  const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => text({ ...r, types: [...(r.types as string[])].sort() })).sort();
  return {
    nodes: sorted(nodes),
    relationships: sorted(rels),
    backward: text(inOrder(await trace(on, 'backward', { lotCode: 'EX-COOKIE-0302-A' }))),
    forward: text(inOrder(await trace(on, 'forward', { lotCode: 'EX-FLOUR-0301' }))),
  };
}

describe('the value encoding', () => {
  it('gives back every kind of value lotgraph stores, with its type', async () => {
    const [row] = await db.stream<Record<string, unknown>>(
      {
        name: 'values',
        text: `RETURN 9007199254740993 AS big, 1.0 AS float, 0.1 AS tenth, 'x' AS text, true AS yes, ['a', 'b'] AS list, [] AS empty,
                 datetime('2026-03-02T06:00:00Z') AS utc, datetime('2026-03-02T06:00:00.123456789+01:30') AS offset,
                 datetime({year: 2026, month: 7, day: 1, hour: 12, timezone: 'Europe/Paris'}) AS zoned,
                 date('2026-03-02') AS day, localdatetime('2026-03-02T06:00:00.5') AS local`,
      },
      {},
      { raw: true },
    )[Symbol.asyncIterator]().next().then((r) => [r.value]);
    const json = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)]))));
    expect(json.big).toEqual({ $int: '9007199254740993' });
    expect(json.utc).toEqual({ $datetime: '2026-03-02T06:00:00Z' });
    const back = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, decode(v)]));
    // Neo4j itself compares each value sent back with the original, type and all.
    const [same] = await db.run<Record<string, boolean>>(
      {
        name: 'same',
        text: `RETURN $big = 9007199254740993 AND valueType($big) STARTS WITH 'INTEGER' AS big,
                 valueType($float) STARTS WITH 'FLOAT' AND $float = 1.0 AS float, $tenth = 0.1 AS tenth,
                 $list = ['a', 'b'] AND $empty = [] AND $text = 'x' AND $yes AS plain,
                 $utc = datetime('2026-03-02T06:00:00Z') AS utc,
                 $offset = datetime('2026-03-02T06:00:00.123456789+01:30') AS offset,
                 $zoned = datetime({year: 2026, month: 7, day: 1, hour: 12, timezone: 'Europe/Paris'}) AND toString($zoned) ENDS WITH '[Europe/Paris]' AS zoned,
                 $day = date('2026-03-02') AS day, $local = localdatetime('2026-03-02T06:00:00.5') AS local`,
      },
      back,
    );
    expect(same).toEqual({ big: true, float: true, tenth: true, plain: true, utc: true, offset: true, zoned: true, day: true, local: true });
  });
});

describe('npm run db:export and db:import', () => {
  it('exports every record online, and loads it into an emptied database with every record and trace as before', async () => {
    const before = await everything(db);
    const labels = new Set(before.nodes.map((n) => JSON.parse(n).labels[0]));
    for (const label of ['Lot', 'Batch', 'Shipment', 'HoldEvent', 'Adjustment', 'Recall', 'ApiKey', 'AuditRecord', 'Product', 'Location']) expect(labels).toContain(label);

    const file = path.join(dir, 'all.ndjson.gz');
    const counts = await exportToFile(db, file);
    expect(counts.nodes).toBe(before.nodes.length);
    expect(counts.relationships).toBe(before.relationships.length);
    // Never over an existing file, and never into a database that holds records.
    await expect(exportToFile(db, file)).rejects.toThrow(/EEXIST/);
    await expect(importRecords(db, file)).rejects.toThrow(/empty database/);

    await db.write((tx) => tx.run({ name: 'wipe', text: 'MATCH (n) DETACH DELETE n' }));
    expect(await importRecords(db, file, { chunk: 50 })).toEqual(counts);
    expect(await everything(db)).toEqual(before);
  }, 300_000);

  it('refuses a file cut short, or one that names a node it does not hold, and writes nothing', async () => {
    const file = path.join(dir, 'plain.ndjson');
    await exportToFile(db, file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    await db.write((tx) => tx.run({ name: 'wipe', text: 'MATCH (n) DETACH DELETE n' }));
    const count = async () => (await db.run<{ n: bigint }>({ name: 'count', text: 'MATCH (n) RETURN count(n) AS n' }))[0].n;

    const cut = path.join(dir, 'cut.ndjson');
    writeFileSync(cut, `${lines.slice(0, -1).join('\n')}\n`);
    await expect(importRecords(db, cut)).rejects.toThrow(/cut short/);
    const orphan = path.join(dir, 'orphan.ndjson');
    const firstNode = lines.findIndex((l) => l.startsWith('{"node"'));
    writeFileSync(orphan, [...lines.slice(0, firstNode), ...lines.slice(firstNode + 1)].join('\n'));
    await expect(importRecords(db, orphan)).rejects.toBeInstanceOf(ExportError);
    const other = path.join(dir, 'other.ndjson');
    writeFileSync(other, '{"type":"receipt"}\n');
    await expect(importRecords(db, other)).rejects.toThrow(/not a lotgraph export/);
    expect(await count()).toBe(0n);

    await importRecords(db, file);
    expect(await count()).toBe(BigInt(lines.filter((l) => l.startsWith('{"node"')).length));
  }, 300_000);
});
