/**
 * npm run bench:spreadsheet [-- --rows 100000 --runs 3]
 *
 * How fast a plant's spreadsheet imports: a receiving log of `rows` receipts (US dates, "lbs",
 * thousands separators, the vendor by name, as a spreadsheet program exports it), as CSV and as
 * XLSX, into a Neo4j of the benchmark's own (a launcher instance under .bench/, wiped first). Each
 * file is imported twice: a dry run (read, checked against the database, nothing written) and the
 * commit, each timed whole, from the file's bytes to the answer. The first import after Neo4j
 * starts is reported apart; the figure is the median of `runs` new files of each format. The figures go into the
 * spreadsheet section of BENCHMARKS.md.
 */
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { connectToLauncher } from '../src/db/connect.js';
import { start, stop } from '../src/db/launcher.js';
import { applySchema } from '../src/db/schema.js';
import { importSpreadsheet } from '../src/spreadsheet/spreadsheet.service.js';
import type { Format } from '../src/spreadsheet/table.js';
import { freshBenchNeo4j, writeBenchSection } from './shared.js';
import { stats } from './stats.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } } });
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
const command = `npm run bench:spreadsheet${ROWS !== 100_000 || RUNS !== 3 ? ` -- --rows ${ROWS}${RUNS !== 3 ? ` --runs ${RUNS}` : ''}` : ''}`;
const log = (s: string) => console.log(`[spreadsheet] ${s}`);

const HEADER = ['Date Received', 'Lot #', 'Item Code', 'Description', 'Vendor', 'Vendor Lot', 'Qty', 'UOM', 'BOL'];
function row(i: number, run: string): (string | number)[] {
  const day = 1 + (i % 28);
  return [`3/${day}/2026 ${1 + (i % 12)}:${String(i % 60).padStart(2, '0')} ${i % 2 ? 'PM' : 'AM'}`, `${run}L${i}`, `ING-${i % 50}`, `Ingredient ${i % 50}`, 'northfield mills', `NM-${i}`, (1000 + (i % 9000)).toLocaleString('en-US'), 'lbs', `BOL-${i}`];
}

/** The file a spreadsheet program would write: CSV with CRLF, or a one-sheet workbook. */
async function file(format: Format, run: string): Promise<Buffer> {
  if (format === 'csv') {
    const quote = (v: string | number) => (/[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const lines = [HEADER.join(',')];
    for (let i = 0; i < ROWS; i += 1) lines.push(row(i, run).map(quote).join(','));
    return Buffer.from(`${lines.join('\r\n')}\r\n`);
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Receiving');
  sheet.addRow(HEADER);
  for (let i = 0; i < ROWS; i += 1) sheet.addRow(row(i, run));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Result {
  format: Format;
  bytes: number;
  dry: number;
  commit: number;
  /** The commit's steps, in seconds (read, cells, checks, each write phase). */
  phases: Map<string, number>;
}

/** The benchmark's one definition of a median (bench/stats.ts). */
const median = (xs: number[]) => stats(xs).p50;

async function main() {
  const c = await freshBenchNeo4j({
    name: 'spreadsheet',
    boltPort: process.env.LOTGRAPH_SHEET_BOLT_PORT ?? '7760',
    httpPort: process.env.LOTGRAPH_SHEET_HTTP_PORT ?? '7770',
    heap: '2g',
    pageCache: '1g',
  });
  await start(c, log);
  const db = connectToLauncher(c);
  const results: Result[] = [];
  let cold: Result | null = null;
  try {
    await applySchema(db);
    await db.write((tx) => tx.run({ name: 'bench/supplier', text: "CREATE (:Supplier {id: 'SUP-MILL', name: 'Northfield Mills'})" }));
    // The first import after Neo4j starts, reported on its own, then RUNS of each format
    // alternating: a service imports into a Neo4j that has been running, so the medians are the figure.
    const plan: [Format, string][] = [['csv', 'COLD-']];
    for (let r = 1; r <= RUNS; r += 1) plan.push(['csv', `CSV${r}-`], ['xlsx', `XLSX${r}-`]);
    for (const [format, run] of plan) {
      const data = await file(format, run);
      let t = performance.now();
      const dry = await importSpreadsheet(db, data, format, { kind: 'receipts', dateFormat: 'mdy', dryRun: true });
      const drySeconds = (performance.now() - t) / 1000;
      if (dry.problems.length > 0 || dry.preview.length !== ROWS) throw new Error(`dry run: ${JSON.stringify(dry.problems.slice(0, 3))}`);
      t = performance.now();
      const phases = new Map<string, number>();
      const done = await importSpreadsheet(db, data, format, { kind: 'receipts', dateFormat: 'mdy', onPhase: (phase, seconds) => phases.set(phase, seconds) });
      const commitSeconds = (performance.now() - t) / 1000;
      if (done.written !== ROWS) throw new Error(`wrote ${done.written} of ${ROWS}: ${JSON.stringify(done.problems.slice(0, 3))}`);
      const [{ n }] = await db.run<{ n: bigint }>({ name: 'bench/count', text: 'MATCH (l:Lot) WHERE l.code STARTS WITH $run RETURN count(l) AS n' }, { run });
      if (Number(n) !== ROWS) throw new Error(`${n} lots in the database, not ${ROWS}`);
      log(`${run}${format}: ${(data.length / 1e6).toFixed(1)} MB, dry run ${drySeconds.toFixed(1)} s, commit ${commitSeconds.toFixed(1)} s (${Math.round(ROWS / commitSeconds)} rows/s)`);
      const result = { format, bytes: data.length, dry: drySeconds, commit: commitSeconds, phases };
      if (run === 'COLD-') cold = result;
      else results.push(result);
    }
  } finally {
    await db.close();
    await stop(c);
  }
  const rate = (s: number) => Math.round(ROWS / s).toLocaleString('en-US');
  const rows = (['csv', 'xlsx'] as const).map((format) => {
    const of = results.filter((r) => r.format === format);
    const dry = median(of.map((r) => r.dry));
    const commit = median(of.map((r) => r.commit));
    const rates = of.map((r) => ROWS / r.commit);
    return `| ${format.toUpperCase()} | ${(of[0].bytes / 1e6).toFixed(1)} MB | ${dry.toFixed(1)} s (${rate(dry)} rows/s) | ${commit.toFixed(1)} s | **${rate(commit)}** (${Math.round(Math.min(...rates)).toLocaleString('en-US')}-${Math.round(Math.max(...rates)).toLocaleString('en-US')}) | ${ROWS / commit >= 10_000 ? 'yes' : '**no**'} |`;
  });
  // Where the commit's time goes: each step's median, the write phases that wrote nothing left out.
  const steps = [...results[0].phases.keys()].filter((k) => results.some((r) => (r.phases.get(k) ?? 0) >= 0.05));
  const label = (k: string) => ({ read: 'read the file', cells: 'columns and cells', checks: 'checks against the database' })[k] ?? k;
  const breakdown = (['csv', 'xlsx'] as const).map((format) => {
    const of = results.filter((r) => r.format === format);
    return `| ${format.toUpperCase()} | ${steps.map((k) => median(of.map((r) => r.phases.get(k) ?? 0)).toFixed(2)).join(' | ')} |`;
  });
  const section = [
    '<!-- spreadsheet -->',
    '## Spreadsheet import',
    '',
    `Command: \`${command}\` (bench/spreadsheet.ts). ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `A receiving log of ${ROWS.toLocaleString('en-US')} receipts as a spreadsheet program exports it (US dates with AM/PM, "lbs", thousands`,
    'separators, the vendor by name), imported into a Neo4j of its own. Each time is whole: from the file\'s bytes to the',
    'answer (reading, matching columns, parsing cells, resolving the vendor, the bulk importer\'s checks against the database and,',
    'for the commit, its writes). Each file is new (its own lot codes) and is first checked in a dry run, then committed.',
    `Medians of ${RUNS} files of each format, alternating, after a first import into the freshly started Neo4j (below the table).`,
    'Target: 10,000 rows/s or more.',
    '',
    '| file | size | dry run (check only) | commit | rows/s (commit; range) | target met |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'Where a commit\'s time goes (seconds, medians of the same files):',
    '',
    `| file | ${steps.map(label).join(' | ')} |`,
    `|---|${steps.map(() => '---:').join('|')}|`,
    ...breakdown,
    '',
    `The first import after Neo4j started (CSV, into an empty database, while the JVM compiles): dry run ${cold!.dry.toFixed(1)} s, commit ${cold!.commit.toFixed(1)} s (${rate(cold!.commit)} rows/s).`,
    '<!-- /spreadsheet -->',
  ].join('\n');
  writeBenchSection('spreadsheet', section);
  console.log(`\n${section}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
