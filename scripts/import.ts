// npm run import -- events.ndjson: bulk import of history, one event (JSON) per line.
// Events: {"type":"location", ...LocationInput}, {"type":"product", ...ProductInput},
// {"type":"supplier"|"customer", id, name, location?, locationId?}, {"type":"receipt", ...ReceiveLotInput},
// {"type":"production", ...ProductionInput}, {"type":"shipment", ...ShipmentInput}, in the order they happened.
// npm run import -- events.ndjson --offline: the same events, checked the same way, into the project's own
// Neo4j (the launcher's) while it holds nothing yet, through neo4j-admin database import (src/bulk/offline.ts).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { SingleBar, Presets } from 'cli-progress';
import { type BulkEvent, ImportRejected, importEvents } from '../src/bulk/bulk.service.js';
import { connectFromEnv } from '../src/db/connect.js';
import { applySchema } from '../src/db/schema.js';
import { offlineImport } from '../src/bulk/offline.js';
import { launcherConfig, LauncherError } from '../src/db/launcher.js';

const args = process.argv.slice(2);
const offline = args.includes('--offline');
const file = args.find((a) => !a.startsWith('--'));
if (!file || args.some((a) => a.startsWith('--') && a !== '--offline')) {
  console.error('usage: npm run import -- <events.ndjson> [--offline]');
  process.exit(2);
}

const events: BulkEvent[] = [];
let lineNo = 0;
for await (const line of createInterface({ input: createReadStream(file) })) {
  lineNo += 1;
  if (!line.trim()) continue;
  try {
    events.push(JSON.parse(line));
  } catch {
    console.error(`${file}:${lineNo} is not JSON; nothing was imported.`);
    process.exit(1);
  }
}

if (offline) {
  if (process.env.NEO4J_URI) {
    console.error('--offline imports into the project\'s own Neo4j (the launcher\'s), not NEO4J_URI; unset NEO4J_URI, or import online.');
    process.exit(2);
  }
  try {
    console.log(`Checking ${events.length} events...`);
    const r = await offlineImport(events, launcherConfig(), { log: (line) => console.log(line) });
    console.log(
      `Imported ${r.events} events offline (${r.nodes} nodes, ${r.relationships} relationships): checked in ${r.checkSeconds.toFixed(1)} s, ` +
        `CSV files ${r.csvSeconds.toFixed(1)} s, neo4j-admin import ${r.importSeconds.toFixed(1)} s ` +
        `(${Math.round(r.events / Math.max(r.importSeconds, 1e-9))} events/s), Neo4j started with its schema in ${r.startSeconds.toFixed(1)} s.`,
    );
  } catch (error) {
    console.error(error instanceof ImportRejected || error instanceof LauncherError ? error.message : error);
    process.exitCode = 1;
  }
  process.exit();
}

const { db } = await connectFromEnv();
const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left' }, Presets.shades_classic);
try {
  await applySchema(db);
  console.log(`Checking ${events.length} events...`);
  let started = false;
  const report = await importEvents(db, events, {
    onProgress: (written, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(written);
    },
  });
  bar.stop();
  const rate = report.written / Math.max(report.writeSeconds, 1e-9);
  console.log(
    `Imported ${report.written} events (${report.skipped} already there) in ${report.writeSeconds.toFixed(1)} s ` +
      `(${Math.round(rate)} events/s; checked in ${report.checkSeconds.toFixed(1)} s).`,
  );
} catch (error) {
  bar.stop();
  console.error(error instanceof ImportRejected ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
