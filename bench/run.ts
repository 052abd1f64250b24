/**
 * npm run bench -- --scale S|M|L [--seed 42] [--keep] [--only writes] [--load offline] [--skip-export]
 *
 * Generates a bakery history at the scale, loads it into a Neo4j of the benchmark's own (a
 * launcher instance under .bench/, wiped first) with the bulk importer, measures GraphQL
 * mutations with 16 clients, loads the same data into PostgreSQL, runs each trace through the
 * four variants (checking that all return the same answer), runs the API under 1, 8 and 32
 * concurrent clients, and writes the figures into this scale's section of BENCHMARKS.md.
 * `--only writes` stops after the write figures (bulk load, mutations, ceiling, mixed load) and
 * prints them without touching BENCHMARKS.md: for working on the write path.
 *
 * `--load offline` loads the benchmark's Neo4j through the offline import alone (no online bulk
 * load, no second Neo4j beside it), and `--skip-export` leaves out the FSMA 204 export runs: what
 * makes scale L (about 7 million events) fit these machines' 24 GiB and an hour:
 * `npm run bench -- --scale L --load offline --skip-export`. Scale L runs with a JavaScript heap
 * of 14 GB (the script starts itself again with one when it has less).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { Presets, SingleBar } from 'cli-progress';
import pg from 'pg';
import { type BulkEvent, importEvents } from '../src/bulk/bulk.service.js';
import { offlineImport } from '../src/bulk/offline.js';
import type { Db } from '../src/db/driver.js';
import { connectToLauncher } from '../src/db/connect.js';
import { createDriver } from '../src/db/driver.js';
import { boltUri, start, status, stop } from '../src/db/launcher.js';
import { applySchema } from '../src/db/schema.js';
import { loadDemo } from '../src/demo/bakery.js';
import { generate, type ScaleName } from './generate.js';
import { apiFetch, authCost, BENCH_KEY } from './auth.js';
import { fmt as f, freshBenchNeo4j, refreshAgainstM, scriptSections, writeReadmeHeadline } from './shared.js';
import { shapes } from './shapes.js';
import { stats } from './stats.js';
import { type Answer, apiVariant, cypherVariant, loadPostgres, memoryVariant, postgresVariant, procedureVariant, type TraceRequest } from './variants.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '42' },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
    load: { type: 'string', default: 'both' },
    'skip-export': { type: 'boolean', default: false },
  },
});
const scale = args.scale!.toUpperCase() as ScaleName;
if (!['S', 'M', 'L'].includes(scale)) throw new Error(`--scale must be S, M or L; got ${args.scale}`);
const seed = Number(args.seed);
if (args.only !== undefined && args.only !== 'writes') throw new Error(`--only takes "writes"; got ${args.only}`);
const writesOnly = args.only === 'writes';
if (args.load !== 'both' && args.load !== 'offline') throw new Error(`--load takes "offline" (the default loads both ways); got ${args.load}`);
/** The data reaches the benchmark's Neo4j through the offline import only. */
const offlineOnly = args.load === 'offline';
const skipExport = args['skip-export']!;
const command = `npm run bench -- --scale ${scale}${offlineOnly ? ' --load offline' : ''}${skipExport ? ' --skip-export' : ''}`;

// Scale L's history is held in memory (generated, loaded into PostgreSQL): about 6 GB of heap, and
// the offline import's checks replay it beside that (10 GB was not enough).
const L_HEAP_MB = 14_336;
if (scale === 'L' && v8.getHeapStatistics().heap_size_limit < (L_HEAP_MB - 512) * 2 ** 20) {
  const again = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${L_HEAP_MB}`, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const MEMORY: Record<ScaleName, { heap: string; pageCache: string }> = {
  S: { heap: '1g', pageCache: '512m' },
  M: { heap: '3g', pageCache: '2g' },
  // Beside the benchmark's own heap of up to 14 GB and PostgreSQL, within the machine's 24 GiB.
  L: { heap: '3g', pageCache: '4g' },
};

const log = (s: string) => console.log(`[bench ${scale}] ${s}`);
const ms = (t0: number) => performance.now() - t0;

async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) throw new Error('The API exited during start-up.');
    try {
      if ((await apiFetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The API did not answer /health in 60 s.');
}

/** Runs `work` while sampling a process's resident memory every 100 ms; gives its result and the peak seen (MB). */
async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = rssOf(pid).rss;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid).rss);
    } catch {
      // the process has ended
    }
  }, 100);
  try {
    return { value: await work(), peak };
  } finally {
    clearInterval(timer);
  }
}

function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function sample<T>(xs: readonly T[], n: number, seedValue: number): T[] {
  let a = seedValue >>> 0;
  const rnd = () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

async function main() {
  const report: string[] = [];
  const out = (line = '') => report.push(line);

  // Neo4j: an instance of the benchmark's own, wiped, sized for the scale.
  const neo4jConfig = await benchNeo4j('', process.env.LOTGRAPH_BENCH_BOLT_PORT ?? '7688', process.env.LOTGRAPH_BENCH_HTTP_PORT ?? '7475');
  // The offline import starts it, once it has written the store.
  if (!offlineOnly) await start(neo4jConfig, log);
  const uri = boltUri(neo4jConfig);
  const db = connectToLauncher(neo4jConfig);
  let api: ChildProcess | null = null;
  const pgClient = new pg.Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', database: process.env.PGDATABASE ?? 'postgres' });

  try {
    if (!offlineOnly) await applySchema(db);

    // Data.
    let t0 = performance.now();
    const data = generate(scale, seed);
    log(`generated ${data.events.length} events in ${f(ms(t0) / 1000)} s: ${JSON.stringify(data.counts)}`);

    // Bulk load: online (then the offline import into a Neo4j beside it, checked equal), or offline only.
    const bulkPhases: [string, number][] = [];
    let load: Awaited<ReturnType<typeof importEvents>> | null = null;
    let offline: Awaited<ReturnType<typeof offlineLoad>>;
    if (offlineOnly) {
      t0 = performance.now();
      const report = await offlineImport(data.events, neo4jConfig, { log });
      offline = { report, totalSeconds: ms(t0) / 1000 };
    } else {
      const bar = new SingleBar({ format: `[bench ${scale}] bulk load [{bar}] {percentage}% {value}/{total} events, {eta_formatted} left` }, Presets.shades_classic);
      let barStarted = false;
      // The importer's own chunk size (2,000 events a transaction), as `npm run import` uses it.
      load = await importEvents(db, data.events, {
        onPhase: (name, seconds) => bulkPhases.push([name, seconds]),
        onProgress: (done, total) => {
          if (!barStarted) bar.start(total, 0);
          barStarted = true;
          bar.update(done);
        },
      });
      bar.stop();
      log(`bulk load: ${load.written} events in ${f(load.writeSeconds)} s (${Math.round(load.written / load.writeSeconds)}/s), checks ${f(load.checkSeconds)} s`);
      offline = await offlineLoad(data.events, db);
    }
    const loadRate = load ? load.written / load.writeSeconds : null;
    const totalRate = load ? load.written / (load.writeSeconds + load.checkSeconds) : null;
    log(`offline import (neo4j-admin): ${offline.report.events} events, import ${f(offline.report.importSeconds)} s (${Math.round(offline.report.events / offline.report.importSeconds)}/s), ${f(offline.totalSeconds)} s in all`);

    // The API, as its own process, so that its memory is its own.
    const port = 4100 + Math.floor(Math.random() * 800);
    api = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
      cwd: root,
      env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: neo4jConfig.password, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOTGRAPH_ADMIN_KEY: BENCH_KEY, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(`${base}/health`, api);
    const graphql = `${base}/graphql`;

    // Shapes from the foundation issue: a 2^20-path diamond, a 1000-deep chain, the cookie complaint.
    await loadDemo(db, 'SHAPE-');
    const shapeResults = writesOnly ? [] : await shapes(db, graphql);

    // What authentication costs per request, measured in this run.
    const authOrNull = writesOnly ? null : await authCost(db, graphql);
    if (authOrNull) log(`authentication: p50 ${authOrNull.cached.p50.toFixed(1)} µs per request with a stored key (cached), a whole request p50 ${f(authOrNull.request.p50)} ms`);

    // GraphQL mutations, 16 concurrent clients.
    const neo4jPid = (await status(neo4jConfig)).pid!;
    const mutations = await mutationThroughput(graphql, 16, 2400, { api: api.pid!, neo4j: neo4jPid });
    log(`mutations: ${Math.round(mutations.perSecond)}/s with 16 clients`);
    const ceilingCpu0 = cpuMs(neo4jPid);
    const ceiling = await trivialWriteCeiling(uri, neo4jConfig.password, 16, 800);
    const ceilingNeo4jCpu = (cpuMs(neo4jPid) - ceilingCpu0) / 800;
    const mixed = await mixedLoad(graphql, 16, 16, 15);
    log(`mixed load: writes ${Math.round(mixed.alone.writesPerSecond)}/s alone (p99 ${f(mixed.alone.writes.p99)} ms), ${Math.round(mixed.mixed.writesPerSecond)}/s with 16 tracing clients (p99 ${f(mixed.mixed.writes.p99)} ms)`);
    if (writesOnly) {
      log(`mutations p50 ${f(mutations.p50)} ms, p99 ${f(mutations.p99)} ms; ceiling ${Math.round(ceiling)}/s: ${Math.round((100 * mutations.perSecond) / ceiling)}% of it`);
      log(`CPU per mutation: API ${f(mutations.apiCpuMs)} ms, Neo4j ${f(mutations.neo4jCpuMs)} ms; Neo4j per trivial write ${f(ceilingNeo4jCpu)} ms`);
      log(`mixed load, traces: ${Math.round(mixed.mixed.tracesPerSecond)}/s, p50 ${f(mixed.mixed.traces!.p50)} ms, p99 ${f(mixed.mixed.traces!.p99)} ms; writes alone p50 ${f(mixed.alone.writes.p50)} ms, mixed p50 ${f(mixed.mixed.writes.p50)} ms`);
      return;
    }
    const auth = authOrNull!;

    // PostgreSQL.
    await pgClient.connect();
    t0 = performance.now();
    const schema = `lotgraph_bench_${scale.toLowerCase()}`;
    await loadPostgres(pgClient, schema, data.events);
    const pgLoadSeconds = ms(t0) / 1000;
    const pgVersion = (await pgClient.query('SHOW server_version')).rows[0].server_version;
    log(`PostgreSQL loaded in ${f(pgLoadSeconds)} s`);

    // In memory.
    t0 = performance.now();
    const memory = memoryVariant(data.events);
    const memoryBuildSeconds = ms(t0) / 1000;

    const variants: [string, (r: TraceRequest) => Promise<Answer>][] = [
      ['API (GraphQL over HTTP)', apiVariant(graphql)],
      ['Procedure (driver)', procedureVariant(db)],
      ['Cypher (driver)', cypherVariant(db)],
      ['PostgreSQL (recursive CTE)', postgresVariant(pgClient)],
      ['in-memory BFS', memory],
    ];

    const kinds: { name: string; requests: TraceRequest[]; repeat: number }[] = [
      { name: 'backward from a finished lot', requests: sample(data.starts.finishedLots, 100, seed).map((lotCode) => ({ direction: 'backward', lotCode })), repeat: 1 },
      { name: 'forward from the most used flour lot', requests: [{ direction: 'forward', lotCode: data.starts.heavyIngredientLot }], repeat: 25 },
      { name: 'forward from the start of the mother-dough chain', requests: [{ direction: 'forward', lotCode: data.starts.motherDoughStart }], repeat: scale === 'S' ? 15 : 8 },
      { name: 'who else received: forward from a finished batch', requests: sample(data.starts.finishedBatches, 100, seed + 1).map((batchCode) => ({ direction: 'forward', batchCode })), repeat: 1 },
    ];

    const traceTables: string[] = [];
    const headline: Record<string, Record<string, ReturnType<typeof stats>>> = {};
    for (const kind of kinds) {
      const samples = new Map<string, number[]>(variants.map(([name]) => [name, []]));
      let shape: Answer | null = null;
      // One warm-up pass per variant, then the measured passes, variants interleaved.
      for (const [, run] of variants) for (const req of kind.requests.slice(0, 5)) await run(req);
      for (let r = 0; r < kind.repeat; r += 1) {
        for (const req of kind.requests) {
          const answers: Answer[] = [];
          for (const [name, run] of variants) {
            const t = performance.now();
            answers.push(await run(req));
            samples.get(name)!.push(ms(t));
          }
          const differs = answers.findIndex((a) => a.digest !== answers[0].digest || (a.ordered !== undefined && a.ordered !== answers[0].ordered));
          if (differs > 0) {
            throw new Error(`${variants[differs][0]} answered ${JSON.stringify(answers[differs])} where the API answered ${JSON.stringify(answers[0])} for ${JSON.stringify(req)}`);
          }
          if (!shape || answers[0].lots > shape.lots) shape = answers[0];
        }
      }
      const byVariant = Object.fromEntries(variants.map(([name]) => [name, stats(samples.get(name)!)]));
      headline[kind.name] = byVariant;
      const cypher = byVariant['Cypher (driver)'];
      const pgS = byVariant['PostgreSQL (recursive CTE)'];
      const mem = byVariant['in-memory BFS'];
      traceTables.push(`#### ${kind.name}`);
      traceTables.push('');
      traceTables.push(`${kind.requests.length} start(s) × ${kind.repeat} run(s); largest answer: ${shape!.lots} lots, ${shape!.lines} shipment lines, ${shape!.customers} customers. All ${variants.length} variants returned the same answer for every start.`);
      traceTables.push('');
      traceTables.push('| variant | runs | p50 ms | p95 ms | p99 ms | p50 ÷ Cypher | p50 ÷ PostgreSQL | p50 ÷ in-memory |');
      traceTables.push('|---|---:|---:|---:|---:|---:|---:|---:|');
      for (const [name] of variants) {
        const s = byVariant[name];
        traceTables.push(`| ${name} | ${s.n} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.p50 / cypher.p50)} | ${f(s.p50 / pgS.p50)} | ${f(s.p50 / mem.p50)} |`);
      }
      traceTables.push('');
      log(`${kind.name}: API p50 ${f(byVariant['API (GraphQL over HTTP)'].p50)} ms, p99 ${f(byVariant['API (GraphQL over HTTP)'].p99)} ms`);
    }

    // Load: the API under 1, 8 and 32 concurrent clients.
    const loadRows: string[] = [];
    const loadRequests = sample(data.starts.finishedLots, 200, seed + 2).map((lotCode): TraceRequest => ({ direction: 'backward', lotCode }));
    const apiRun = variants[0][1];
    for (const clients of [1, 8, 32]) {
      const total = 400;
      const latencies: number[] = [];
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (next < total) {
            const req = loadRequests[next++ % loadRequests.length];
            const s = performance.now();
            await apiRun(req);
            latencies.push(ms(s));
          }
        }),
      );
      const seconds = ms(t) / 1000;
      const st = stats(latencies);
      loadRows.push(`| ${clients} | ${total} | ${Math.round(total / seconds)} | ${f(st.p50)} | ${f(st.p99)} |`);
    }

    // Mock recalls through the API, as a quality manager runs them for an audit.
    const mockRows: string[] = [];
    for (const [name, lotCode] of [
      ['the most used flour lot', data.starts.heavyIngredientLot],
      ['the start of the mother-dough chain', data.starts.motherDoughStart],
    ] as const) {
      const durations: number[] = [];
      const clients: number[] = [];
      let size = '';
      for (let r = 0; r < 3; r += 1) {
        const t = performance.now();
        const res = await apiFetch(graphql, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'mutation($input: MockRecallInput!) { runMockRecall(input: $input) { durationMs lotCount customerCount lineCount percentAccountedFor } }',
            variables: { input: { recallId: `BENCH-MOCK-${Date.now()}-${r}`, reason: 'benchmark', by: 'bench', start: { lotCodes: [lotCode] } } },
          }),
        });
        const body = (await res.json()) as { data?: { runMockRecall: { durationMs: number; lotCount: number; customerCount: number; lineCount: number; percentAccountedFor: number } }; errors?: unknown };
        if (!body.data) throw new Error(`mock recall failed: ${JSON.stringify(body.errors)}`);
        clients.push(ms(t));
        durations.push(body.data.runMockRecall.durationMs);
        const m = body.data.runMockRecall;
        size = `${m.lotCount} lots, ${m.customerCount} customers, ${m.lineCount} shipment lines, ${m.percentAccountedFor.toFixed(2)}% reconciled`;
      }
      mockRows.push(`| from ${name} | ${size} | ${f(stats(durations).p50)} | ${f(stats(clients).p50)} |`);
    }

    // The FDA's spreadsheet for the whole year (left out with --skip-export).
    const fx = skipExport ? null : await (async () => {
      // The FDA's spreadsheet for the whole year: through the API's download endpoint (three runs,
      // the API's memory sampled during each), and with the command-line tool (workbook and CSV files
      // from one read of the records).
      const range = 'from=2024-12-01T00:00:00Z&to=2027-01-01T00:00:00Z';
      // Every record in the range, counted apart from the export's statements: the generated history,
      // and what the mutation and shape benchmarks recorded.
      const [{ expected }] = await db.run<{ expected: bigint }>({
        name: 'bench/fsmaRowCount',
        text: `CALL () { MATCH (:Supplier)-[:SUPPLIED]->(l:Lot) WHERE l.receivedAt >= datetime('2024-12-01T00:00:00Z') AND l.receivedAt <= datetime('2027-01-01T00:00:00Z') RETURN count(*) AS receiving }
               CALL () { MATCH (b:Batch) WHERE b.producedAt >= datetime('2024-12-01T00:00:00Z') AND b.producedAt <= datetime('2027-01-01T00:00:00Z')
                         RETURN sum(COUNT { (b)-[:PRODUCED]->() } * COUNT { ()-[:CONSUMED_IN]->(b) }) AS transformation }
               CALL () { MATCH (:Lot)-[r:SHIPPED_TO]->(:Customer) WHERE r.shippedAt >= datetime('2024-12-01T00:00:00Z') AND r.shippedAt <= datetime('2027-01-01T00:00:00Z') RETURN count(*) AS shipping }
               RETURN receiving + transformation + shipping AS expected`,
      });
      const expectedRows = Number(expected);
      const exportRuns: { seconds: number; bytes: number; rssBefore: number; rssPeak: number }[] = [];
      for (let r = 0; r < 3; r += 1) {
        const rssBefore = rssOf(api.pid!).rss;
        const t = performance.now();
        const { value: bytes, peak: rssPeak } = await peakRssDuring(api.pid!, async () => {
          const res = await apiFetch(`${base}/fsma/export.xlsx?${range}`);
          let n = 0;
          for await (const chunk of res.body!) n += (chunk as Uint8Array).byteLength;
          return n;
        });
        exportRuns.push({ seconds: ms(t) / 1000, bytes, rssBefore, rssPeak });
        log(`FSMA export ${r + 1}: ${expectedRows} rows, ${Math.round(bytes / 1e6)} MB XLSX in ${f(ms(t) / 1000)} s, API RSS ${Math.round(rssBefore)} → ${Math.round(rssPeak)} MB`);
      }
      const exportSeconds = stats(exportRuns.map((x) => x.seconds)).p50;
      const exportBytes = exportRuns[0].bytes;
      const exportRssPeak = Math.max(...exportRuns.map((x) => x.rssPeak));
      const cliOut = path.join(root, '.bench', `fsma-export-${scale}`);
      rmSync(cliOut, { recursive: true, force: true });
      let t = performance.now();
      const cli = spawn(process.execPath, ['--import', 'tsx', 'scripts/fsma-export.ts', '--from', '2024-12-01T00:00:00Z', '--to', '2027-01-01T00:00:00Z', '--out', cliOut], {
        cwd: root,
        env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: neo4jConfig.password },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let cliStdout = '';
      cli.stdout!.on('data', (c: Buffer) => (cliStdout += c.toString()));
      const { peak: cliPeak } = await peakRssDuring(cli.pid!, () => new Promise<void>((resolve, reject) => cli.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fsma-export exited ${code}`))))));
      const cliSeconds = ms(t) / 1000;
      if (!cliStdout.includes(`Wrote ${expectedRows} records`)) throw new Error(`fsma-export wrote other than the ${expectedRows} records expected: ${cliStdout.slice(-300)}`);
      const shippingCsvLines = readFileSync(path.join(cliOut, 'shipping.csv'), 'utf8').split('\n').filter(Boolean).length;
      rmSync(cliOut, { recursive: true, force: true });
      t = performance.now();
      const csvRes = await apiFetch(`${base}/fsma/shipping.csv?${range}`);
      const csvRows = (await csvRes.text()).split('\n').filter(Boolean).length - 1;
      const csvSeconds = ms(t) / 1000;
      if (csvRows !== shippingCsvLines - 1) throw new Error(`Shipping CSV over HTTP has ${csvRows} rows; the CLI's has ${shippingCsvLines - 1}.`);
      return { expectedRows, exportRuns, exportSeconds, exportBytes, exportRssPeak, cliSeconds, cliPeak, csvRows, csvSeconds };
    })();

    const apiMemory = rssOf(api.pid!);
    const neo4jMemory = rssOf(neo4jPid);

    // The report section.
    const api50 = (k: string) => headline[k]['API (GraphQL over HTTP)'];
    const cy = (k: string) => headline[k]['Cypher (driver)'];
    const pgq = (k: string) => headline[k]['PostgreSQL (recursive CTE)'];
    out(`## Scale ${scale}`);
    out();
    out(`Command: \`${command}\` (seed ${seed}), run ${new Date().toISOString().slice(0, 16)}Z.`);
    out();
    out(`Data: ${data.counts.lots.toLocaleString('en-US')} lots, ${data.counts.batches.toLocaleString('en-US')} batches, ${data.counts.shipmentLines.toLocaleString('en-US')} shipment lines, ${data.counts.edges.toLocaleString('en-US')} relationships (${data.events.length.toLocaleString('en-US')} events).`);
    out();
    out('### Targets');
    out();
    out('| target | measured | met |');
    out('|---|---|---|');
    const bw = 'backward from a finished lot';
    const fh = 'forward from the most used flour lot';
    const md = 'forward from the start of the mother-dough chain';
    const who = 'who else received: forward from a finished batch';
    const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
    const pr = (k: string) => headline[k]['Procedure (driver)'];
    out(`| backward trace from a finished lot, API p99 ≤ 20 ms | ${f(api50(bw).p99)} ms | ${yes(api50(bw).p99 <= 20)} |`);
    out(`| forward trace from the most used flour lot, API p99 ≤ 100 ms | ${f(api50(fh).p99)} ms | ${yes(api50(fh).p99 <= 100)} |`);
    for (const k of [bw, fh, md, who]) {
      out(`| API ÷ its own driver-level statement (the procedure) ≤ 1.2 (p50), ${k} | ${f(api50(k).p50 / pr(k).p50)} | ${yes(api50(k).p50 / pr(k).p50 <= 1.2)} |`);
    }
    for (const k of [fh, md]) {
      out(`| API ÷ PostgreSQL ≤ 1.5 (p50), ${k} | ${f(api50(k).p50 / pgq(k).p50)} | ${yes(api50(k).p50 / pgq(k).p50 <= 1.5)} |`);
    }
    for (const k of [bw, fh, md, who]) {
      out(`| trace statement (procedure) no slower than PostgreSQL (p50), ${k} | ${f(pr(k).p50 / pgq(k).p50)}× | ${yes(pr(k).p50 <= pgq(k).p50)} |`);
    }
    for (const k of [fh, md]) {
      out(`| Cypher path no slower than PostgreSQL (p50), ${k} | ${f(cy(k).p50 / pgq(k).p50)}× | ${yes(cy(k).p50 <= pgq(k).p50)} |`);
    }
    for (const k of [bw, fh, md, who]) out(`| fast path ÷ Cypher path (p50, driver level), ${k} | ${f(pr(k).p50 / cy(k).p50)} | |`);
    out(`| mixed load (16 writers on 3 hot lots, 16 tracing clients): write p99 ≤ 250 ms | ${f(mixed.mixed.writes.p99)} ms | ${yes(mixed.mixed.writes.p99 <= 250)} |`);
    out(`| mixed load: writes at least half the writers-alone rate | ${Math.round(mixed.mixed.writesPerSecond)}/s of ${Math.round(mixed.alone.writesPerSecond)}/s alone | ${yes(mixed.mixed.writesPerSecond >= mixed.alone.writesPerSecond / 2)} |`);
    out(`| authentication ≤ 0.3 ms per request (p50, stored key, cached) | ${(auth.cached.p50 / 1000).toFixed(4)} ms | ${yes(auth.cached.p50 <= 300)} |`);
    if (loadRate !== null) out(`| bulk load ≥ 20,000 events/s (online, into a running Neo4j) | ${Math.round(loadRate).toLocaleString('en-US')}/s | ${yes(loadRate >= 20_000)} |`);
    else out('| bulk load ≥ 20,000 events/s (online, into a running Neo4j) | not run (`--load offline`) | |');
    const offlineRate = offline.report.events / offline.report.importSeconds;
    out(`| bulk load ≥ 20,000 events/s (offline, neo4j-admin database import into a new database) | ${Math.round(offlineRate).toLocaleString('en-US')}/s (${f(offline.totalSeconds)} s in all, Neo4j's start included) | ${yes(offlineRate >= 20_000)} |`);
    out(`| GraphQL mutations ≥ 80% of the trivial-write ceiling, 16 clients | ${Math.round(mutations.perSecond)}/s of ${Math.round(ceiling)}/s: ${Math.round((100 * mutations.perSecond) / ceiling)}% | ${yes(mutations.perSecond >= 0.8 * ceiling)} |`);
    if (fx) {
      const exportRate = fx.expectedRows / fx.exportSeconds;
      out(`| FSMA 204 XLSX export: a million rows in under a minute (≥ 16,667 rows/s), memory bounded | ${fx.expectedRows.toLocaleString('en-US')} rows in ${f(fx.exportSeconds)} s (${Math.round(exportRate).toLocaleString('en-US')} rows/s); API peak ${Math.round(fx.exportRssPeak)} MB | ${yes(exportRate >= 1e6 / 60)} |`);
    } else out('| FSMA 204 XLSX export: a million rows in under a minute (≥ 16,667 rows/s), memory bounded | not run (`--skip-export`) | |');
    out();
    out('### Loading');
    out();
    out('| step | figure |');
    out('|---|---|');
    if (load && loadRate !== null) {
      out(`| bulk import (writes) | ${load.written.toLocaleString('en-US')} events in ${f(load.writeSeconds)} s: ${Math.round(loadRate).toLocaleString('en-US')} events/s |`);
      out(`| bulk import, write phases | ${bulkPhases.map(([name, sec]) => `${name} ${f(sec)} s`).join('; ')} |`);
    } else out('| bulk import (online) | not run (`--load offline`: the offline import below loaded the benchmark\'s Neo4j) |');
    out(`| offline import (\`npm run import -- file --offline\`): checks, CSV files, neo4j-admin database import, Neo4j's start with the schema | ${f(offline.report.checkSeconds)} s + ${f(offline.report.csvSeconds)} s + ${f(offline.report.importSeconds)} s + ${f(offline.report.startSeconds)} s = ${f(offline.totalSeconds)} s: ${Math.round(offline.report.events / offline.totalSeconds).toLocaleString('en-US')} events/s in all; ${offline.report.nodes.toLocaleString('en-US')} nodes and ${offline.report.relationships.toLocaleString('en-US')} relationships${load ? ', the same as the online import' : ''} |`);
    if (load && totalRate !== null) out(`| bulk import (checks before writing, then writes) | ${f(load.checkSeconds)} s + ${f(load.writeSeconds)} s: ${Math.round(totalRate).toLocaleString('en-US')} events/s overall |`);
    out(`| GraphQL mutations over HTTP, 16 clients | ${mutations.count} mutations (receive, produce, ship) in ${f(mutations.seconds)} s: ${Math.round(mutations.perSecond)}/s, p50 ${f(mutations.p50)} ms, p99 ${f(mutations.p99)} ms |`);
    out(`| ceiling: trivial one-statement write transactions, 16 driver sessions | ${Math.round(ceiling)}/s |`);
    out(`| CPU per mutation (user + system, measured from /proc) | API process ${f(mutations.apiCpuMs)} ms, Neo4j ${f(mutations.neo4jCpuMs)} ms; Neo4j per trivial write transaction ${f(ceilingNeo4jCpu)} ms |`);
    out(`| PostgreSQL load (baseline) | ${f(pgLoadSeconds)} s |`);
    out(`| in-memory adjacency build (floor) | ${f(memoryBuildSeconds)} s |`);
    out();
    out('### Traces');
    out();
    out('Each trace returns every lot reached with its depth, every shipment line and every customer. Times are per trace, client side.');
    out();
    for (const line of traceTables) out(line);
    out('### Mixed load: a plant recording while dashboards trace');
    out();
    out('16 clients record batches that consume the same three hot ingredient lots (every other one shipped), for 15 s alone, then for 15 s');
    out('while 16 dashboard clients trace those lots forward (each trace grows as the batches accumulate). The API runs with its default');
    out(`LOTGRAPH_HEAVY_READS (one core fewer than the machine has: ${Math.max(1, os.availableParallelism() - 1)} here): the tracing clients' operations beyond it wait their turn. Writes to the same lots queue first come, first served in the API, two at a time at Neo4j (src/lot/turns.ts), and a batch or shipment is one statement that Neo4j commits as it ends.`);
    out();
    out('| phase | writes/s | write p50 ms | write p99 ms | traces/s | trace p50 ms | trace p99 ms |');
    out('|---|---:|---:|---:|---:|---:|---:|');
    out(`| writers alone | ${Math.round(mixed.alone.writesPerSecond)} | ${f(mixed.alone.writes.p50)} | ${f(mixed.alone.writes.p99)} | | | |`);
    out(`| writers and tracing clients | ${Math.round(mixed.mixed.writesPerSecond)} | ${f(mixed.mixed.writes.p50)} | ${f(mixed.mixed.writes.p99)} | ${Math.round(mixed.mixed.tracesPerSecond)} | ${f(mixed.mixed.traces!.p50)} | ${f(mixed.mixed.traces!.p99)} |`);
    out();
    out('### Load: backward traces through the API');
    out();
    out('| clients | traces | traces/s | p50 ms | p99 ms |');
    out('|---:|---:|---:|---:|---:|');
    for (const row of loadRows) out(row);
    out();
    out('### Mock recalls through the API');
    out();
    out('Scope, balances of every affected lot, reconciliation, and the recorded recall, in one transaction (median of 3).');
    out();
    out('| mock recall | scope | recorded duration ms | client ms |');
    out('|---|---|---:|---:|');
    for (const row of mockRows) out(row);
    out();
    if (fx) {
      out('### FSMA 204 export');
      out();
      out('The whole range through `GET /fsma/export.xlsx` (sheets Receiving, Transformation, Shipping, Glossary), streamed from Neo4j into the response,');
      out('median of 3 runs; the API\'s resident memory is sampled every 100 ms during each. `npm run fsma-export` writes the workbook and');
      out('the four CSV files from one read of the records; its own peak memory is sampled the same way.');
      out();
      out('| export | rows | size | seconds | rows/s | memory |');
      out('|---|---:|---:|---:|---:|---|');
      const runMemory = fx.exportRuns.map((x) => `${Math.round(x.rssBefore)} → ${Math.round(x.rssPeak)}`).join(', ');
      out(`| XLSX, all sheets, over HTTP (median of ${fx.exportRuns.length}: ${fx.exportRuns.map((x) => f(x.seconds)).join(', ')} s) | ${fx.expectedRows.toLocaleString('en-US')} | ${Math.round(fx.exportBytes / 1e6)} MB | ${f(fx.exportSeconds)} | ${Math.round(fx.expectedRows / fx.exportSeconds).toLocaleString('en-US')} | API RSS before → peak during, each run: ${runMemory} MB |`);
      out(`| \`npm run fsma-export\`: XLSX and 4 CSV files | ${fx.expectedRows.toLocaleString('en-US')} | | ${f(fx.cliSeconds)} | ${Math.round(fx.expectedRows / fx.cliSeconds).toLocaleString('en-US')} | peak RSS ${Math.round(fx.cliPeak)} MB |`);
      out(`| CSV, Shipping sheet, over HTTP | ${fx.csvRows.toLocaleString('en-US')} | | ${f(fx.csvSeconds)} | ${Math.round(fx.csvRows / fx.csvSeconds).toLocaleString('en-US')} | |`);
      out();
    }
    out('### Authentication');
    out();
    out(`Every request but /health carries a key. The authenticator, called ${auth.calls.toLocaleString('en-US')} times in this process after one warm-up call`);
    out('(which reads Neo4j), against a whole HTTP request with the same key that does no Neo4j work (`{ __typename }`, 500 requests in a row).');
    out();
    out('| what | p50 | p99 |');
    out('|---|---:|---:|');
    out(`| authenticator, stored viewer key (cached) | ${auth.cached.p50.toFixed(1)} µs | ${auth.cached.p99.toFixed(1)} µs |`);
    out(`| authenticator, bootstrap admin key | ${auth.bootstrap.p50.toFixed(1)} µs | ${auth.bootstrap.p99.toFixed(1)} µs |`);
    out(`| whole request over HTTP, stored viewer key | ${f(auth.request.p50)} ms | ${f(auth.request.p99)} ms |`);
    out(`| authentication's share of that request (p50) | ${((auth.cached.p50 / 1000 / auth.request.p50) * 100).toFixed(2)}% | |`);
    out();
    out('### Foundation shapes (API and Cypher, same run)');
    out();
    out('| trace | answer | API p50 ms | API p95 ms | Cypher p50 ms | API ÷ Cypher |');
    out('|---|---|---:|---:|---:|---:|');
    for (const s of shapeResults) out(`| ${s.name} | ${s.answer} | ${f(s.api.p50)} | ${f(s.api.p95)} | ${f(s.cypher.p50)} | ${f(s.api.p50 / s.cypher.p50)} |`);
    out();
    out('### Memory');
    out();
    out('| process | figure |');
    out('|---|---|');
    out(`| API (Node.js) RSS at the end / peak | ${Math.round(apiMemory.rss)} MB / ${Math.round(apiMemory.peak)} MB |`);
    out(`| Neo4j settings | heap ${neo4jConfig.heap}, page cache ${neo4jConfig.pageCache} |`);
    out(`| Neo4j RSS at the end / peak | ${Math.round(neo4jMemory.rss)} MB / ${Math.round(neo4jMemory.peak)} MB |`);
    out(`| Neo4j store on disk | ${execFileSync('du', ['-sh', neo4jConfig.dataDir], { encoding: 'utf8' }).split('\t')[0]} |`);
    out();
    writeReport(scale, report.join('\n'), pgVersion);
    log(`wrote BENCHMARKS.md (scale ${scale})`);
  } finally {
    api?.kill('SIGTERM');
    await pgClient.end().catch(() => undefined);
    await db.close();
    if (!args.keep) await stop(neo4jConfig);
  }
}

/** A launcher instance of the benchmark's own under .bench/, sized for the scale, stopped, its data wiped. */
function benchNeo4j(suffix: string, boltPort: string, httpPort: string) {
  return freshBenchNeo4j({ name: `${scale}${suffix}`, boltPort, httpPort, heap: MEMORY[scale].heap, pageCache: MEMORY[scale].pageCache });
}

/**
 * The same events through the offline import, into a Neo4j of its own (a new database, as the
 * offline path requires); checks that it holds as many nodes and relationships of each kind as
 * the online import wrote, then stops it and removes its files.
 */
async function offlineLoad(events: readonly BulkEvent[], online: Db) {
  const c = await benchNeo4j('-offline', process.env.LOTGRAPH_BENCH_OFFLINE_BOLT_PORT ?? '7698', process.env.LOTGRAPH_BENCH_OFFLINE_HTTP_PORT ?? '7484');
  const t = performance.now();
  const report = await offlineImport(events, c, { log });
  const totalSeconds = ms(t) / 1000;
  const counts = async (db: Db) =>
    JSON.stringify(
      await db.run({
        name: 'bench/counts',
        text: `MATCH (n) WHERE n:Lot OR n:Batch OR n:Shipment OR n:Supplier OR n:Customer OR n:Location OR n:Product
               WITH labels(n)[0] AS label, count(*) AS n ORDER BY label RETURN collect([label, n]) AS nodes,
               COLLECT { MATCH ()-[r]->() WHERE type(r) IN ['SUPPLIED', 'PRODUCED', 'CONSUMED_IN', 'TO', 'SHIPPED_TO']
                         WITH type(r) AS t, count(*) AS k ORDER BY t RETURN [t, k] } AS relationships`,
      }),
      (_, v) => (typeof v === 'bigint' ? Number(v) : v),
    );
  const imported = connectToLauncher(c);
  try {
    const [a, b] = [await counts(online), await counts(imported)];
    if (a !== b) throw new Error(`The offline import holds ${b}; the online import wrote ${a}.`);
  } finally {
    await imported.close();
    await stop(c);
    rmSync(c.stateDir, { recursive: true, force: true });
  }
  return { report, totalSeconds };
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s
}

async function mutationThroughput(url: string, clients: number, total: number, pids: { api: number; neo4j: number }) {
  const post = async (query: string, input: unknown) => {
    const res = await apiFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { input } }) });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const run = `MUT-${Date.now()}-`;
  await post('mutation($input: SupplierInput!) { upsertSupplier(input: $input) { id } }', { id: `${run}SUP`, name: 'Mill' });
  await post('mutation($input: CustomerInput!) { upsertCustomer(input: $input) { id } }', { id: `${run}CUST`, name: 'Shop' });
  const latencies: number[] = [];
  const timed = async (query: string, input: unknown) => {
    const t = performance.now();
    await post(query, input);
    latencies.push(ms(t));
  };
  const load = async (prefix: string, count: number) => {
    let started = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (started < count) {
          const i = started;
          started += 3;
          const lot = `${run}${prefix}L${i}`;
          await timed('mutation($input: ReceiveLotInput!) { receiveLot(input: $input) { code } }', {
            lotCode: lot, productSku: 'ING', productName: 'Ingredient', supplierId: `${run}SUP`, supplierLotCode: `S${i}`,
            quantity: { amount: 100, unit: 'kg' }, receivedAt: '2026-01-01T00:00:00Z',
          });
          await timed('mutation($input: ProductionInput!) { recordProduction(input: $input) { code } }', {
            batchCode: `${run}${prefix}B${i}`, producedAt: '2026-01-02T00:00:00Z',
            inputs: [{ lotCode: lot, quantity: { amount: 40, unit: 'kg' } }],
            outputs: [{ lotCode: `${lot}-FG`, productSku: 'FG', productName: 'Product', quantity: { amount: 100, unit: 'each' } }],
          });
          await timed('mutation($input: ShipmentInput!) { recordShipment(input: $input) { id } }', {
            shipmentId: `${run}${prefix}S${i}`, customerId: `${run}CUST`, shippedAt: '2026-01-03T00:00:00Z',
            lines: [{ lotCode: `${lot}-FG`, quantity: { amount: 50, unit: 'each' } }],
          });
        }
      }),
    );
  };
  // A warm-up, not measured: both processes' JIT compilers, the query plans and the connection
  // pool, as the ceiling below meets them warm.
  await load('W', Math.min(600, total));
  latencies.length = 0;
  const cpu0 = { api: cpuMs(pids.api), neo4j: cpuMs(pids.neo4j) };
  const t0 = performance.now();
  await load('', total);
  const cpu = { api: (cpuMs(pids.api) - cpu0.api) / total, neo4j: (cpuMs(pids.neo4j) - cpu0.neo4j) / total };
  const seconds = ms(t0) / 1000;
  const s = stats(latencies);
  return { count: latencies.length, seconds, perSecond: latencies.length / seconds, p50: s.p50, p99: s.p99, apiCpuMs: cpu.api, neo4jCpuMs: cpu.neo4j };
}

/**
 * The plant at work: `writers` clients record batches that consume the same three hot ingredient
 * lots (and ship what they make) for `seconds`, first alone, then while `readers` dashboard
 * clients trace those lots forward. Gives writes/s and write latency in both phases, and the
 * traces' rate and latency under the mixed load.
 */
async function mixedLoad(url: string, writers: number, readers: number, seconds: number) {
  const post = async (query: string, variables: unknown) => {
    const res = await apiFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const run = `MIX-${Date.now()}-`;
  const hot = [0, 1, 2].map((i) => `${run}HOT${i}`);
  await post('mutation($input: SupplierInput!) { upsertSupplier(input: $input) { id } }', { input: { id: `${run}SUP`, name: 'Mill' } });
  await post('mutation($input: CustomerInput!) { upsertCustomer(input: $input) { id } }', { input: { id: `${run}CUST`, name: 'Shop' } });
  for (const lotCode of hot) {
    await post('mutation($input: ReceiveLotInput!) { receiveLot(input: $input) { code } }', {
      input: { lotCode, productSku: 'ING', productName: 'Hot ingredient', supplierId: `${run}SUP`, supplierLotCode: lotCode, quantity: { amount: 1e6, unit: 'kg' }, receivedAt: '2026-01-01T00:00:00Z' },
    });
  }
  let n = 0;
  const phase = async (withReaders: boolean) => {
    const writes: number[] = [];
    const traces: number[] = [];
    const deadline = performance.now() + seconds * 1000;
    const writer = async () => {
      while (performance.now() < deadline) {
        const i = (n += 1);
        const out = `${run}OUT${i}`;
        let t = performance.now();
        await post('mutation($input: ProductionInput!) { recordProduction(input: $input) { code } }', {
          input: {
            batchCode: `${run}B${i}`, producedAt: '2026-01-02T00:00:00Z',
            inputs: hot.filter((_, k) => k === i % 3 || (i + k) % 2 === 0).map((lotCode) => ({ lotCode, quantity: { amount: 0.5, unit: 'kg' } })),
            outputs: [{ lotCode: out, productSku: 'FG', productName: 'Product', quantity: { amount: 10, unit: 'each' } }],
          },
        });
        writes.push(ms(t));
        if (i % 2 === 0 && performance.now() < deadline) {
          t = performance.now();
          await post('mutation($input: ShipmentInput!) { recordShipment(input: $input) { id } }', {
            input: { shipmentId: `${run}S${i}`, customerId: `${run}CUST`, shippedAt: '2026-01-03T00:00:00Z', lines: [{ lotCode: out, quantity: { amount: 5, unit: 'each' } }] },
          });
          writes.push(ms(t));
        }
      }
    };
    const reader = async (r: number) => {
      for (let k = 0; performance.now() < deadline; k += 1) {
        const t = performance.now();
        await post('query($lotCode: ID) { traceForward(lotCode: $lotCode) { lots { depth lot { code } } shipmentLines { shipment { id } lot { code } } customers { id } } }', {
          lotCode: hot[(r + k) % 3],
        });
        traces.push(ms(t));
      }
    };
    const t0 = performance.now();
    await Promise.all([...Array.from({ length: writers }, writer), ...(withReaders ? Array.from({ length: readers }, (_, r) => reader(r)) : [])]);
    const elapsed = ms(t0) / 1000;
    return { writes: stats(writes), writesPerSecond: writes.length / elapsed, traces: traces.length ? stats(traces) : null, tracesPerSecond: traces.length / elapsed };
  };
  const alone = await phase(false);
  const mixed = await phase(true);
  return { alone, mixed };
}

/** Write transactions per second that Neo4j takes here when each does almost nothing. */
async function trivialWriteCeiling(uri: string, password: string, clients: number, total: number) {
  const driver = createDriver({ uri, user: 'neo4j', password });
  const t = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const session = driver.session();
      for (let i = 0; i < total / clients; i += 1) await session.executeWrite((tx) => tx.run('CREATE (:CeilingProbe)'));
      await session.close();
    }),
  );
  const perSecond = total / (ms(t) / 1000);
  const session = driver.session();
  await session.run('MATCH (n:CeilingProbe) DELETE n');
  await session.close();
  await driver.close();
  return perSecond;
}

function writeReport(scaleName: ScaleName, section: string, pgVersion: string) {
  const file = path.join(root, 'BENCHMARKS.md');
  const sections = new Map<string, string>();
  // The other scripts' sections (fault, spreadsheet, pages, epcis, partners) are their own; they stay as they are.
  let others: string[] = [];
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<!-- scale:(\w) -->\n([\s\S]*?)<!-- \/scale:\1 -->/g)) sections.set(m[1], m[2]);
    others = scriptSections(text);
  }
  sections.set(scaleName, `${section}\n`);
  // Scale L's traces against M's, redone whenever either is run.
  if (sections.has('L') && sections.has('M')) sections.set('L', refreshAgainstM(sections.get('L')!, sections.get('M')!));
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.arch();
  const neo4jVersion = /<neo4j.version>([^<]+)</.exec(readFileSync(path.join(root, 'neo4j/pom.xml'), 'utf8'))?.[1];
  const head = [
    '# Benchmarks',
    '',
    'Written by `npm run bench -- --scale S|M|L` (bench/run.ts); each run replaces its own scale\'s section.',
    'The fault test\'s section is written by `npm run bench:fault` (bench/fault.ts), the spreadsheet import\'s by `npm run bench:spreadsheet`, the pages\' by `npm run bench:pages`,',
    'the EPCIS capture\'s by `npm run bench:epcis`, the recall across companies\' by `npm run bench:partners`.',
    'These machines are shared and noisy: read medians and the ratios between variants measured in the same run,',
    'not a lone absolute time. Every variant of every trace is checked to return the same answer.',
    '',
    `Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node.js ${process.version};`,
    `Neo4j Community ${neo4jVersion} (the project's launcher, Java ${javaVersion()}); PostgreSQL ${pgVersion}.`,
    '',
    'Variants: (a) the GraphQL API over HTTP, end to end; (b) the same Cypher statements run directly with the driver;',
    '(c) PostgreSQL recursive CTEs on the same data in indexed tables, returning the API\'s answer in its shape and order',
    '(lots by depth then code, lines lot by lot; checked against the API\'s order); (d) a breadth-first walk over adjacency arrays',
    'in one Node.js process (the floor).',
    '',
  ];
  const body = (['S', 'M', 'L'] as const).filter((s) => sections.has(s)).map((s) => `<!-- scale:${s} -->\n${sections.get(s)}<!-- /scale:${s} -->`);
  const analysis = readFileSync(path.join(root, 'bench/analysis.md'), 'utf8');
  writeFileSync(file, `${head.join('\n')}\n${[...body, ...others].join('\n\n')}\n\n${analysis}`);

  writeReadmeHeadline(sections);
}

function javaVersion(): string {
  const out = execFileSync('sh', ['-c', 'java -version 2>&1 | head -n 1'], { encoding: 'utf8' });
  return /version "([^"]+)"/.exec(out)?.[1] ?? out.trim();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

