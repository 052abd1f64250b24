/**
 * npm run bench:pages [-- --scale M --runs 5]
 *
 * How fast the trace explorer draws a large trace in headless Chromium (Debian's chromium, or
 * LOTGRAPH_CHROMIUM): the benchmark's bakery history at the scale asked (M: the 1,366-lot forward
 * trace from the most used flour lot) is imported into a Neo4j of its own, the service runs on
 * it, and the page is opened at the trace's address `runs` times per view (every lot, grouped by
 * product, grouped by level). Two times per load: from the question to the laid-out picture (the
 * trace query, the graph model, the dagre layout and the first frame), and from the address
 * opened to the picture (the page and its scripts too). The figures go into the pages section of
 * BENCHMARKS.md.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { importEvents } from '../src/bulk/bulk.service.js';
import { loadConfig } from '../src/config.js';
import { connectToLauncher } from '../src/db/connect.js';
import { start, stop } from '../src/db/launcher.js';
import { applySchema } from '../src/db/schema.js';
import { buildApp } from '../src/server.js';
import { WEB_DIST } from '../src/web/web.http.js';
import { findChromium } from '../test/chromium.js';
import { BENCH_KEY } from './auth.js';
import { generate, type ScaleName } from './generate.js';
import { freshBenchNeo4j, writeBenchSection } from './shared.js';
import { stats } from './stats.js';

type Timing = ReturnType<typeof stats> & { max: number };
const timing = (xs: number[]): Timing => ({ ...stats(xs), max: Math.max(...xs) });

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: 'M' }, runs: { type: 'string', default: '5' } } });
const SCALE = args.scale as ScaleName;
const RUNS = Number(args.runs);
const command = `npm run bench:pages${SCALE !== 'M' || RUNS !== 5 ? ` -- --scale ${SCALE}${RUNS !== 5 ? ` --runs ${RUNS}` : ''}` : ''}`;
const log = (s: string) => console.log(`[pages] ${s}`);

const chromiumPath = findChromium();

async function main() {
  if (!chromiumPath) throw new Error('No Chromium found: install Debian\'s chromium, or set LOTGRAPH_CHROMIUM.');
  if (!existsSync(path.join(WEB_DIST, 'trace.html'))) throw new Error('The pages are not built: npm run build:web first.');
  const c = await freshBenchNeo4j({
    name: 'pages',
    boltPort: process.env.LOTGRAPH_PAGES_BOLT_PORT ?? '7780',
    httpPort: process.env.LOTGRAPH_PAGES_HTTP_PORT ?? '7790',
    heap: '2g',
    pageCache: '1g',
  });
  await start(c, log);
  const db = connectToLauncher(c);
  const rows: { view: string; lots: number; nodes: number; question: Timing; address: Timing; query: Timing; layout: Timing }[] = [];
  let lotCount = 0;
  let browserVersion = '';
  try {
    await applySchema(db);
    const data = generate(SCALE);
    log(`importing scale ${SCALE}: ${data.events.length} events`);
    await importEvents(db, data.events);
    const lot = data.starts.heavyIngredientLot;
    const config = { ...loadConfig({ ...process.env, LOTGRAPH_ADMIN_KEY: BENCH_KEY, HOST: '127.0.0.1', PORT: '0' }), adminKey: BENCH_KEY };
    const app = await buildApp({ db, config, logger: false });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.app.server.address() as { port: number }).port}`;
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    browserVersion = browser.version();
    try {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      await context.addInitScript((key) => sessionStorage.setItem('lotgraph.key', key), BENCH_KEY);
      const page = await context.newPage();
      page.on('pageerror', (e) => log(`page error: ${e.message}`));
      for (const view of ['none', 'product', 'level'] as const) {
        const question: number[] = [];
        const address: number[] = [];
        const queryMs: number[] = [];
        const layoutMs: number[] = [];
        let nodes = 0;
        // One load first, not measured: the browser's caches and the service's JIT warm, as for a user's second look.
        for (let run = 0; run <= RUNS; run += 1) {
          await page.goto(`${base}/trace?lot=${encodeURIComponent(lot)}&direction=forward&group=${view}`);
          await page.waitForSelector('#graph[data-rendered-ms]', { state: 'attached', timeout: 120_000 }).catch(async (error) => {
            throw new Error(`${(error as Error).message}\nThe page shows: ${(await page.locator('body').innerText()).slice(0, 500)}`);
          });
          const m = await page.evaluate(() => ({
            question: Number(document.getElementById('graph')!.dataset.renderedMs),
            nodes: Number(document.getElementById('graph')!.dataset.nodes),
            query: Number(document.getElementById('graph')!.dataset.queryMs),
            layout: Number(document.getElementById('graph')!.dataset.layoutMs),
            address: performance.now(),
            lots: Number(/([\d,]+) lots?\b/.exec(document.querySelector('.summary')!.textContent ?? '')![1].replace(/,/g, '')),
          }));
          lotCount = m.lots;
          nodes = m.nodes;
          if (run === 0) continue;
          queryMs.push(m.query);
          layoutMs.push(m.layout);
          question.push(m.question);
          address.push(m.address);
        }
        const row = { view, lots: lotCount, nodes, question: timing(question), address: timing(address), query: timing(queryMs), layout: timing(layoutMs) };
        log(`${view}: ${nodes} nodes, question to picture p50 ${row.question.p50.toFixed(0)} ms (the answer ${row.query.p50} ms, graph and layout ${row.layout.p50} ms), address to picture p50 ${row.address.p50.toFixed(0)} ms`);
        rows.push(row);
      }
    } finally {
      await browser.close();
      await app.app.close();
    }
  } finally {
    await db.close();
    await stop(c);
  }
  const label = { none: 'every lot', product: 'grouped by product', level: 'grouped by level' } as Record<string, string>;
  const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
  const every = rows.find((r) => r.view === 'none')!;
  const section = [
    '<!-- pages -->',
    '## Pages: a large trace in the trace explorer',
    '',
    `Command: \`${command}\` (bench/pages.ts). ${new Date().toISOString().slice(0, 10)}. Headless Chromium ${browserVersion}, 1600×1000.`,
    '',
    `The forward trace from the most used flour lot at scale ${SCALE} (${lotCount.toLocaleString('en-US')} lots), opened at its address ${RUNS} times per view after one`,
    'load that is not measured. "Question to picture": from the trace query being sent to the first frame after the',
    'layout (the answer, the lists, the graph model, the layout, the drawing). "Address to picture": from the navigation to that frame (the page, its',
    'scripts and the key check too). Target: under 2 s for every lot.',
    '',
    '| view | nodes drawn | the answer (query) p50 | graph and layout p50 | question to picture p50 (max) | address to picture p50 (max) | under 2 s |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${label[r.view]} | ${r.nodes.toLocaleString('en-US')} | ${ms(r.query.p50)} | ${ms(r.layout.p50)} | ${ms(r.question.p50)} (${ms(r.question.max)}) | ${ms(r.address.p50)} (${ms(r.address.max)}) | ${r.address.p50 < 2000 ? 'yes' : '**no**'} |`),
    '',
    `A trace above 400 lots opens grouped by product; "every lot" is one choice away (${every.nodes.toLocaleString('en-US')} nodes).`,
    '<!-- /pages -->',
  ].join('\n');
  writeBenchSection('pages', section);
  console.log(`\n${section}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
