import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type BulkEvent, ImportRejected, importEvents } from '../src/bulk/bulk.service.js';
import { offlineImport } from '../src/bulk/offline.js';
import { connectToLauncher } from '../src/db/connect.js';
import type { Db } from '../src/db/driver.js';
import { LauncherError, status, stop } from '../src/db/launcher.js';
import { connect, newGtin13, scratchLauncher, uid } from './helpers.js';
import { demoEvents } from './fixtures/events.js';

// A launcher Neo4j of this file's own, in a scratch directory: the offline import replaces a whole database.
const { config: scratch, stateDir } = scratchLauncher('offline', 17_000);
const shared = connect();

afterAll(async () => {
  await stop(scratch);
  rmSync(stateDir, { recursive: true, force: true });
  await shared.close();
});

/** The demo history under prefix p (product SKUs too, and GTINs of their own), with repeated descriptions and party upserts. */
function history(p: string): BulkEvent[] {
  const events = demoEvents(p);
  const skus = new Set(events.flatMap((e) => (e.type === 'product' ? [e.sku] : [])));
  const sku = (s: string) => (skus.has(s) ? p + s : s);
  for (const e of events) {
    if (e.type === 'product') e.sku = p + e.sku;
    if (e.type === 'product' && e.gtin) e.gtin = `0${newGtin13()}`;
    if (e.type === 'receipt') e.productSku = sku(e.productSku);
    if (e.type === 'production') for (const o of e.outputs) o.productSku = sku(o.productSku);
  }
  const supplier = events.find((e) => e.type === 'supplier')!;
  const product = events.find((e) => e.type === 'product')!;
  const location = events.find((e) => e.type === 'location')!;
  return [
    { ...location, businessName: 'Renamed before the final description' },
    ...events,
    // Upserts: a later name wins and keeps the place given earlier; a later description wins whole.
    { type: 'supplier', id: (supplier as { id: string }).id, name: 'Mill, renamed' },
    { ...product, name: 'Described again', brand: null } as BulkEvent,
  ];
}

/** Every record under the prefix, as sorted text: labels and properties (not recordedAt), and relationships between them. */
async function dump(db: Db, p: string) {
  const mine = 'any(k IN [n.code, n.id, n.sku] WHERE k STARTS WITH $p)';
  const clean = (props: Record<string, unknown>) =>
    JSON.stringify(Object.keys(props).filter((k) => k !== 'recordedAt').sort().map((k) => [k, typeof props[k] === 'bigint' ? `${props[k]}n` : props[k]]));
  const nodes = await db.run<{ labels: string[]; props: Record<string, unknown> }>({ name: 'dump', text: `MATCH (n) WHERE ${mine} RETURN labels(n) AS labels, properties(n) AS props` }, { p });
  const rels = await db.run<{ t: string; a: string; b: string; props: Record<string, unknown> }>(
    { name: 'dump', text: `MATCH (n)-[r]->(m) WHERE ${mine} RETURN type(r) AS t, coalesce(n.code, n.id, n.sku) AS a, coalesce(m.code, m.id, m.sku) AS b, properties(r) AS props` },
    { p },
  );
  return {
    nodes: nodes.map((r) => `${r.labels.join(':')} ${clean(r.props)}`).sort(),
    relationships: rels.map((r) => `${r.t} ${r.a}->${r.b} ${clean(r.props)}`).sort(),
  };
}

describe('the offline import (neo4j-admin database import)', () => {
  it('writes exactly the records the online import writes, then refuses a database that holds anything', async () => {
    const p = uid('OFF');
    const events = history(p);
    await importEvents(shared, events);

    const report = await offlineImport(events, scratch);
    expect(report.events).toBe(events.length);
    expect((await status(scratch)).running).toBe(true);
    const imported = connectToLauncher(scratch);
    try {
      const online = await dump(shared, p);
      const offline = await dump(imported, p);
      expect(offline.nodes.length).toBe(report.nodes);
      expect(offline.relationships.length).toBe(report.relationships);
      expect(online.nodes.length).toBeGreaterThan(40);
      expect(offline).toEqual(online);
      // Its constraints hold there too: a lot code cannot be taken twice.
      await expect(imported.write((tx) => tx.run({ name: 'dup', text: 'CREATE (:Lot {code: $c})' }, { c: `${p}FLOUR-0301` }))).rejects.toThrow(/already exists/);

      // Now the database holds records: a second offline import is refused, and changes nothing.
      const other = uid('OFF2');
      await expect(offlineImport(history(other), scratch)).rejects.toThrow(LauncherError);
      await expect(offlineImport(history(other), scratch)).rejects.toThrow(/new, empty database, and this one holds \d+ nodes/);
      expect((await status(scratch)).running).toBe(true);
      expect(await dump(imported, p)).toEqual(offline);
    } finally {
      await imported.close();
    }
  }, 240_000);

  it('checks the events as the online import does and refuses a bad file before it touches the database', async () => {
    const p = uid('OFF3');
    const events = history(p);
    const shipment = events.find((e) => e.type === 'shipment')!;
    (shipment as { lines: { quantity: { amount: number } }[] }).lines[0].quantity.amount = 1e9;
    const refused = offlineImport(events, scratch);
    await expect(refused).rejects.toThrow(ImportRejected);
    await expect(offlineImport(events, scratch)).rejects.toThrow(/INSUFFICIENT_QUANTITY/);
  }, 60_000);
});
