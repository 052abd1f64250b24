// npm run import -- events.ndjson: bulk import of history, one event (JSON) per line.
// Events: {"type":"location", ...LocationInput}, {"type":"product", ...ProductInput},
// {"type":"supplier"|"customer", id, name, location?, locationId?}, {"type":"receipt", ...ReceiveLotInput},
// {"type":"production", ...ProductionInput}, {"type":"shipment", ...ShipmentInput}, in the order they happened.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { SingleBar, Presets } from 'cli-progress';
import { type BulkEvent, ImportRejected, importEvents } from '../src/bulk/bulk.service.js';
import { connectFromEnv } from '../src/db/connect.js';
import { applySchema } from '../src/db/schema.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run import -- <events.ndjson>');
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
