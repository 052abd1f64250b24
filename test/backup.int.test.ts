import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEvents } from '../src/bulk/bulk.service.js';
import { backupDatabase, restoreDatabase } from '../src/db/backup.js';
import { connectToLauncher } from '../src/db/connect.js';
import type { Db } from '../src/db/driver.js';
import { LauncherError, start, status, stop } from '../src/db/launcher.js';
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
