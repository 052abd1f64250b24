// npm run import -- events.ndjson: bulk import of history, one event (JSON) per line.
// Events: {"type":"location", ...LocationInput}, {"type":"product", ...ProductInput},
// {"type":"supplier"|"customer", id, name, location?, locationId?}, {"type":"receipt", ...ReceiveLotInput},
// {"type":"production", ...ProductionInput}, {"type":"shipment", ...ShipmentInput}, in the order they happened.
// npm run import -- events.ndjson --offline: the same events, checked the same way, into the project's own
// Neo4j (the launcher's) while it holds nothing yet, through neo4j-admin database import (src/bulk/offline.ts).
// npm run import -- sheet.xlsx|sheet.csv --kind receipts|production|shipments|suppliers|customers|locations|products [--dry-run] [--mapping map.json|NAME]
//   [--save-mapping NAME] [--date-format mdy|dmy] [--decimal-comma] [--create-missing]: a plant's own spreadsheet
//   (src/spreadsheet/); --mapping names a JSON file or a saved mapping; --save-mapping saves the file's under a name
//   first; --create-missing adds the suppliers (receipts) or customers (shipments) whose names match none.
import { createReadStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { SingleBar, Presets } from 'cli-progress';
import { type BulkEvent, ImportRejected, importEvents } from '../src/bulk/bulk.service.js';
import { connectFromEnv } from '../src/db/connect.js';
import { DomainError } from '../src/errors.js';
import { applySchema } from '../src/db/schema.js';
import { offlineImport } from '../src/bulk/offline.js';
import { launcherConfig, LauncherError } from '../src/db/launcher.js';

const USAGE =
  'usage: npm run import -- <events.ndjson> [--offline]\n' +
  '       npm run import -- <sheet.xlsx|sheet.csv> --kind receipts|production|shipments|suppliers|customers|locations|products [--dry-run] [--mapping map.json|NAME] [--save-mapping NAME] [--date-format mdy|dmy] [--decimal-comma] [--create-missing]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      offline: { type: 'boolean', default: false },
      kind: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      mapping: { type: 'string' },
      'save-mapping': { type: 'string' },
      'date-format': { type: 'string' },
      'decimal-comma': { type: 'boolean', default: false },
      'create-missing': { type: 'boolean', default: false },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values: flags, positionals } = parsed;
const offline = flags.offline!;
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error(USAGE);
  process.exit(2);
}
if (/\.(csv|xlsx|txt)$/i.test(file)) {
  await importSheet(file);
  process.exit();
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

async function importSheet(path: string) {
  const { KINDS } = await import('../src/spreadsheet/columns.js');
  const { formatOf } = await import('../src/spreadsheet/table.js');
  const { importSpreadsheet, saveImportMapping } = await import('../src/spreadsheet/spreadsheet.service.js');
  const { existsSync } = await import('node:fs');
  const { basename } = await import('node:path');
  const kind = flags.kind as (typeof KINDS)[number];
  const dateFormat = flags['date-format'];
  if (!KINDS.includes(kind) || (dateFormat !== undefined && dateFormat !== 'mdy' && dateFormat !== 'dmy')) {
    console.error(`--kind must be ${KINDS.join(', ')}; --date-format, if given, mdy or dmy.\n${USAGE}`);
    process.exit(2);
  }
  const { db } = await connectFromEnv();
  try {
    await applySchema(db);
    // --mapping: a JSON file where one exists, else the name of a saved mapping.
    const mappingFile = flags.mapping && existsSync(flags.mapping) ? flags.mapping : null;
    const mapping = mappingFile ? (JSON.parse(readFileSync(mappingFile, 'utf8')) as Record<string, string>) : undefined;
    if (flags['save-mapping']) {
      if (!mapping) {
        console.error('--save-mapping NAME saves the mapping of a --mapping file under NAME.');
        process.exitCode = 2;
        return;
      }
      await saveImportMapping(db, { name: flags['save-mapping']!, kind, columns: mapping });
      console.log(`Saved the mapping of ${mappingFile} as "${flags['save-mapping']}" for ${kind}.`);
    }
    // Shown while the commit writes (a dry run writes nothing).
    const bar = new SingleBar({ format: 'writing [{bar}] {percentage}% | {value}/{total} records | {eta_formatted} left' }, Presets.shades_classic);
    let barStarted = false;
    const report = await importSpreadsheet(db, readFileSync(path), formatOf(path), {
      kind,
      dryRun: flags['dry-run'],
      createMissing: flags['create-missing'],
      onProgress: (written, total) => {
        if (!barStarted) bar.start(total, 0);
        barStarted = true;
        bar.update(written);
      },
      mapping,
      mappingName: flags.mapping && !mappingFile ? flags.mapping : undefined,
      fileName: basename(path),
      dateFormat: dateFormat as 'mdy' | 'dmy' | undefined,
      decimalComma: flags['decimal-comma'],
    });
    bar.stop();
    if (report.headerRow) console.log(`${path}: headers on row ${report.headerRow}, ${report.rows} data rows${report.ignoredColumns.length ? `; ignored columns: ${report.ignoredColumns.join(', ')}` : ''}.`);
    if (report.problems.length > 0) {
      console.error(`Nothing was imported: ${report.problems.length} problem(s).`);
      for (const p of report.problems.slice(0, 100)) console.error(`  ${p.row === null ? 'file' : `row ${p.row}`}${p.column ? `, ${p.column}` : ''}: ${p.message}`);
      if (report.problems.length > 100) console.error(`  ... and ${report.problems.length - 100} more`);
      process.exitCode = 1;
      return;
    }
    for (const line of report.preview.slice(0, 200)) console.log(`  ${line.rows.length > 1 ? 'rows' : 'row'} ${line.rows.join(', ')}: ${line.record} ${line.key}: ${line.outcome}`);
    if (report.preview.length > 200) console.log(`  ... and ${report.preview.length - 200} more`);
    const fresh = report.preview.filter((l) => l.outcome === 'new').length;
    console.log(
      report.dryRun
        ? `Dry run: ${fresh} record(s) would be recorded, ${report.preview.length - fresh} already are; nothing was written.`
        : `Imported ${report.written} record(s) (${report.skipped} already recorded).`,
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
