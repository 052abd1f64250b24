import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEvents } from '../src/bulk/bulk.service.js';
import { analyticsConfig, loadedFrom, refreshAnalytics } from '../src/db/analytics.js';
import { backupDatabase, restoreDatabase } from '../src/db/backup.js';
import { connectToLauncher } from '../src/db/connect.js';
import type { Db } from '../src/db/driver.js';
import { createDb, createDriver } from '../src/db/driver.js';
import { boltUri, LauncherError, start, status, stop } from '../src/db/launcher.js';
import { applySchema } from '../src/db/schema.js';
import { trace } from '../src/trace/trace.service.js';
import { demoEvents } from './fixtures/events.js';
import { scratchLauncher } from './helpers.js';

// A launcher Neo4j of this file's own: a backup stops it, a restore replaces its database.
const { config: c, stateDir } = scratchLauncher('backup', 19_000);
const connectTo = () => connectToLauncher(c);

beforeAll(async () => {
  await start(c, () => undefined);
  const db = connectTo();
  try {
    await applySchema(db);
    await importEvents(db, demoEvents('BK-'));
  } finally {
    await db.close();
  }
}, 180_000);

afterAll(async () => {
  await stop(c);
  rmSync(stateDir, { recursive: true, force: true });
});

/** Every node's labels and properties and every relationship, as sorted text, and the demo's cookie traces. */
async function everything(db: Db) {
  const nodes = await db.run<{ row: string }>({ name: 'all', text: 'MATCH (n) RETURN labels(n) AS labels, properties(n) AS props' });
  const rels = await db.run<{ row: string }>({
    name: 'all',
    text: 'MATCH (a)-[r]->(b) RETURN type(r) AS t, coalesce(a.code, a.id, a.sku) AS a, coalesce(b.code, b.id, b.sku) AS b, properties(r) AS props',
  });
  const text = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  return {
    nodes: nodes.map(text).sort(),
    relationships: rels.map(text).sort(),
    backward: text(await trace(db, 'backward', { lotCode: 'BK-COOKIE-0302-A' })),
    forward: text(await trace(db, 'forward', { lotCode: 'BK-FLOUR-0301' })),
  };
}

describe('npm run db:backup and db:restore', () => {
  it('back up a running database, bring it back after it was wiped, with every record and trace as before', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lotgraph-backups-'));
    try {
      let db = connectTo();
      const before = await everything(db);
      await db.close();
      expect(before.nodes.length).toBeGreaterThan(40);
      expect(JSON.parse(before.backward).lots.length).toBeGreaterThan(3);

      const file = path.join(dir, 'lotgraph.dump');
      const backup = await backupDatabase(c, file);
      expect(backup.wasRunning).toBe(true);
      expect(statSync(file).size).toBe(backup.bytes);
      expect((await status(c)).running).toBe(true);
      // A backup never overwrites a file.
      await expect(backupDatabase(c, file)).rejects.toThrow(LauncherError);

      db = connectTo();
      await db.write((tx) => tx.run({ name: 'wipe', text: 'MATCH (n) DETACH DELETE n' }));
      expect(await db.run({ name: 'count', text: 'MATCH (n) RETURN count(n) AS n' })).toEqual([{ n: 0n }]);
      await db.close();

      await restoreDatabase(c, file);
      expect((await status(c)).running).toBe(true);
      db = connectTo();
      try {
        expect(await everything(db)).toEqual(before);
      } finally {
        await db.close();
      }
      await expect(restoreDatabase(c, path.join(dir, 'missing.dump'))).rejects.toThrow(/does not exist/);
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('npm run db:analytics', () => {
  it('loads the latest backup into a read-only copy of its own, with its own password, and refreshes it on demand', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lotgraph-backups-'));
    const port = 19_500 + Math.floor(Math.random() * 400);
    const a = analyticsConfig({
      ...process.env,
      LOTGRAPH_ANALYTICS_STATE: path.join(dir, 'analytics'),
      LOTGRAPH_ANALYTICS_BOLT_PORT: String(port),
      LOTGRAPH_ANALYTICS_HTTP_PORT: String(port + 10_000),
      LOTGRAPH_ANALYTICS_PASSWORD: 'analysts-only',
      LOTGRAPH_ANALYTICS_HEAP: '512m',
      LOTGRAPH_ANALYTICS_PAGECACHE: '128m',
    });
    try {
      expect(a.readOnly).toBe(true);
      await expect(refreshAnalytics(a, { backupsDir: dir })).rejects.toThrow(/no backup/);
      await backupDatabase(c, path.join(dir, 'lotgraph-1.dump'));
      const r = await refreshAnalytics(a, { backupsDir: dir });
      expect(r.file).toBe(path.join(dir, 'lotgraph-1.dump'));
      expect(loadedFrom(a)?.file).toBe(r.file);

      let main = connectTo();
      const production = await everything(main);
      let copy = connectToLauncher(a);
      try {
        expect(await everything(copy)).toEqual(production);
        // Neo4j itself refuses a write, whatever the analyst types.
        await expect(copy.write((tx) => tx.run({ name: 'delete', text: 'MATCH (l:Lot) DETACH DELETE l' }))).rejects.toMatchObject({
          code: expect.stringMatching(/ReadOnly|AccessMode|Forbidden/),
        });
        expect(await copy.run({ name: 'count', text: 'MATCH (l:Lot) RETURN count(l) AS n' })).toEqual(
          await main.run({ name: 'count', text: 'MATCH (l:Lot) RETURN count(l) AS n' }),
        );
      } finally {
        await copy.close();
      }
      // The production password does not open the copy.
      const wrong = createDb(createDriver({ uri: boltUri(a), user: 'neo4j', password: c.password }), undefined, { retryMs: 0 });
      await expect(wrong.run({ name: 'one', text: 'RETURN 1' })).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
      await wrong.close();

      // A record made after the first backup reaches the copy with the next backup and refresh.
      await main.write((tx) => tx.run({ name: 'add', text: "CREATE (:Supplier {id: 'BK-LATER', name: 'Later mill'})" }));
      await main.close();
      await backupDatabase(c, path.join(dir, 'lotgraph-2.dump'));
      expect((await refreshAnalytics(a, { backupsDir: dir })).file).toBe(path.join(dir, 'lotgraph-2.dump'));
      copy = connectToLauncher(a);
      try {
        expect(await copy.run({ name: 'later', text: "MATCH (s:Supplier {id: 'BK-LATER'}) RETURN s.name AS name" })).toEqual([{ name: 'Later mill' }]);
      } finally {
        await copy.close();
      }
      main = connectTo();
      await main.write((tx) => tx.run({ name: 'remove', text: "MATCH (s:Supplier {id: 'BK-LATER'}) DELETE s" }));
      await main.close();
    } finally {
      await stop(a);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
