/**
 * npm run bench:epcis [-- --events 50000 --runs 3 --scale M]
 *
 * How fast lotgraph captures EPCIS: the benchmark's bakery history at the scale is loaded (the
 * offline import) into a Neo4j of its own (a launcher instance under .bench/, wiped first), its
 * places, parties and products given GLNs and GTINs. Then documents of `events` events each, in
 * the shapes the GS1 US FSMA 204 recommendations give (receiving ObjectEvents, TransformationEvents
 * that use those lots, shipping ObjectEvents of their outputs, each naming the scale's places,
 * suppliers, customers and products by GS1 keys), are posted to a running service's
 * POST /epcis/capture, and timed from the request to the job's end (GET /epcis/capture/{id}).
 * The first capture after Neo4j starts is reported apart; the figure is the median of `runs` new
 * documents. The figures go into the EPCIS section of BENCHMARKS.md.
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { BulkEvent } from '../src/bulk/bulk.service.js';
import { offlineImport } from '../src/bulk/offline.js';
import { loadConfig } from '../src/config.js';
import { connectToLauncher } from '../src/db/connect.js';
import { stop } from '../src/db/launcher.js';
import { checkDigit } from '../src/gs1/identifiers.js';
import { buildApp } from '../src/server.js';
import { generate, type ScaleName } from './generate.js';
import { freshBenchNeo4j, writeBenchSection } from './shared.js';
import { stats } from './stats.js';

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' }, scale: { type: 'string', default: 'M' } } });
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const SCALE = args.scale as ScaleName;
const command = `npm run bench:epcis${EVENTS !== 50_000 || RUNS !== 3 || SCALE !== 'M' ? ` -- --events ${EVENTS} --runs ${RUNS} --scale ${SCALE}` : ''}`;
const log = (s: string) => console.log(`[epcis] ${s}`);
const KEY = 'lg_bench-epcis-admin-key';

/** A GS1 key of `length` digits made from a number, with its check digit. */
const key = (prefix: string, n: number, length: number) => {
  const body = `${prefix}${String(n).padStart(length - 1 - prefix.length, '0')}`;
  return body + checkDigit(body);
};
const gln = (n: number) => key('80', n, 13);
const gtin = (n: number) => key('090', n, 14);

/** The scale's history, its places, parties and products with GS1 keys. */
function history(scale: ScaleName) {
  const glns = new Map<string, string>();
  const gtins = new Map<string, string>();
  let n = 0;
  const events = generate(scale).events.map((e): BulkEvent => {
    n += 1;
    if (e.type === 'location' || e.type === 'supplier' || e.type === 'customer') {
      const g = gln(n);
      glns.set(`${e.type}:${e.id}`, g);
      return { ...e, gln: g };
    }
    if (e.type === 'product') {
      const g = gtin(n);
      gtins.set(e.sku, g);
      return { ...e, gtin: g };
    }
    return e;
  });
  return { events, glns, gtins };
}

const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];

/** A document of `count` events: receipts, then batches using them, then shipments of their outputs (2 : 1.5 : 1.5). */
function document(run: string, count: number, h: ReturnType<typeof history>, scale: ScaleName) {
  const P = `BENCH-${scale}-`;
  const plant = `https://id.gs1.org/414/${h.glns.get(`location:${P}LOC-PLANT0`)}`;
  const suppliers = [...h.glns].filter(([k]) => k.startsWith('supplier:')).map(([, g]) => g);
  const customers = [...h.glns].filter(([k]) => k.startsWith('customer:')).map(([, g]) => g);
  const ingredients = [...h.gtins].filter(([sku]) => sku.startsWith('ING-')).map(([, g]) => g);
  const finished = [...h.gtins].filter(([sku]) => sku.startsWith('FG-')).map(([, g]) => g);
  const receipts = Math.round(count * 0.4);
  const batches = Math.round(count * 0.3);
  const shipments = count - receipts - batches;
  const time = (i: number) => new Date(Date.UTC(2027, 0, 1) + i * 1000).toISOString();
  const lot = (g: string, l: string) => `https://id.gs1.org/01/${g}/10/${l}`;
  const events: unknown[] = [];
  for (let i = 0; i < receipts; i += 1) {
    events.push({
      type: 'ObjectEvent', eventID: `urn:uuid:${run}-r-${i}`, eventTime: time(i), eventTimeZoneOffset: '+00:00', action: 'OBSERVE', bizStep: 'receiving',
      disposition: 'in_progress', readPoint: { id: plant }, bizLocation: { id: plant },
      quantityList: [{ epcClass: lot(ingredients[i % ingredients.length], `${run}R${i}`), quantity: 1000, uom: 'KGM' }],
      sourceList: [{ type: 'owning_party', source: `https://id.gs1.org/417/${suppliers[i % suppliers.length]}` }],
      bizTransactionList: [{ type: 'desadv', bizTransaction: `urn:epcglobal:cbv:bt:${suppliers[i % suppliers.length]}:ASN-${run}-${i}` }],
    });
  }
  for (let i = 0; i < batches; i += 1) {
    const a = (2 * i) % receipts;
    const b = (2 * i + 1) % receipts;
    events.push({
      type: 'TransformationEvent', eventID: `urn:uuid:${run}-b-${i}`, eventTime: time(receipts + i), eventTimeZoneOffset: '+00:00', bizStep: 'commissioning',
      readPoint: { id: plant }, bizLocation: { id: plant },
      inputQuantityList: [
        { epcClass: lot(ingredients[a % ingredients.length], `${run}R${a}`), quantity: 10, uom: 'KGM' },
        { epcClass: lot(ingredients[b % ingredients.length], `${run}R${b}`), quantity: 10, uom: 'KGM' },
      ],
      outputQuantityList: [{ epcClass: lot(finished[i % finished.length], `${run}P${i}`), quantity: 100, uom: 'EA' }],
    });
  }
  for (let i = 0; i < shipments; i += 1) {
    const p = i % batches;
    events.push({
      type: 'ObjectEvent', eventID: `urn:uuid:${run}-s-${i}`, eventTime: time(receipts + batches + i), eventTimeZoneOffset: '+00:00', action: 'OBSERVE',
      bizStep: 'shipping', disposition: 'in_transit', readPoint: { id: plant }, bizLocation: { id: plant },
      quantityList: [{ epcClass: lot(finished[p % finished.length], `${run}P${p}`), quantity: 10, uom: 'EA' }],
      destinationList: [{ type: 'owning_party', destination: `https://id.gs1.org/417/${customers[i % customers.length]}` }],
    });
  }
  return { '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), epcisBody: { eventList: events } };
}

interface Result {
  run: string;
  mb: number;
  seconds: number;
  check: number;
  write: number;
  phases: Record<string, number>;
}

async function main() {
  const c = await freshBenchNeo4j({
    name: 'epcis',
    boltPort: process.env.LOTGRAPH_EPCIS_BOLT_PORT ?? '7800',
    httpPort: process.env.LOTGRAPH_EPCIS_HTTP_PORT ?? '7810',
    heap: '3g',
    pageCache: '2g',
  });
  const h = history(SCALE);
  log(`loading scale ${SCALE}: ${h.events.length.toLocaleString('en-US')} events (offline import)`);
  const loaded = await offlineImport(h.events, c, { log: () => undefined });
  log(`loaded in ${(loaded.checkSeconds + loaded.csvSeconds + loaded.importSeconds + loaded.startSeconds).toFixed(1)} s`);
  const db = connectToLauncher(c);
  const service = await buildApp({ db, config: { ...loadConfig({}), adminKey: KEY, logLevel: 'warn' } });
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  const results: Result[] = [];
  try {
    for (const run of ['COLD', ...Array.from({ length: RUNS }, (_, r) => `RUN${r + 1}`)]) {
      // Lot numbers are at most 20 characters: a short tag per document.
      const tag = `${run === 'COLD' ? 'C' : run.slice(3)}${Date.now().toString(36).slice(-5)}`;
      const body = JSON.stringify(document(tag, EVENTS, h, SCALE));
      const started = performance.now();
      const res = await fetch(`${base}/epcis/capture`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/ld+json' }, body });
      if (res.status !== 202) throw new Error(`capture refused: ${res.status} ${(await res.text()).slice(0, 2000)}`);
      const location = res.headers.get('location')!;
      await res.json();
      let job: { running: boolean; success?: boolean; errors: unknown[]; summary?: { checkSeconds: number; writeSeconds: number; receipts: number; phases: Record<string, number> } };
      for (;;) {
        job = await (await fetch(base + location, { headers: { authorization: `Bearer ${KEY}` } })).json();
        if (!job.running) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const seconds = (performance.now() - started) / 1000;
      if (!job.success) throw new Error(`capture failed: ${JSON.stringify(job.errors).slice(0, 2000)}`);
      const result = { run, mb: body.length / 1024 / 1024, seconds, check: job.summary!.checkSeconds, write: job.summary!.writeSeconds, phases: job.summary!.phases };
      log(`${run}: ${EVENTS} events (${result.mb.toFixed(1)} MB) in ${seconds.toFixed(2)} s: ${Math.round(EVENTS / seconds).toLocaleString('en-US')} events/s (check ${result.check.toFixed(2)} s, write ${result.write.toFixed(2)} s; ${Object.entries(job.summary!.phases).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')})`);
      results.push(result);
    }
  } finally {
    await service.close();
    await db.close();
    await stop(c);
  }
  const [cold, ...warm] = results;
  const rate = (r: Result) => EVENTS / r.seconds;
  const median = stats(warm.map(rate)).p50;
  const medianRun = [...warm].sort((a, b) => rate(a) - rate(b))[Math.floor((warm.length - 1) / 2)];
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const section = [
    '<!-- epcis -->',
    '## EPCIS capture',
    '',
    `Command: \`${command}\`. Scale ${SCALE}'s history loaded first (${h.events.length.toLocaleString('en-US')} events); each document holds ${EVENTS.toLocaleString('en-US')} new events`,
    `(40% receiving ObjectEvents, 30% TransformationEvents using those lots, 30% shipping ObjectEvents of their outputs), about ${warm[0]?.mb.toFixed(0)} MB of JSON-LD,`,
    'posted to `POST /epcis/capture` of a running service and timed from the request to the end of its job (schema, rules and stock check, writes).',
    '',
    '| document | seconds | events/s | check s | write s |',
    '|---|---|---|---|---|',
    ...results.map((r) => `| ${r.run === 'COLD' ? 'first after Neo4j starts' : r.run} | ${r.seconds.toFixed(2)} | ${f(rate(r))} | ${r.check.toFixed(2)} | ${r.write.toFixed(2)} |`),
    '',
    `Median of the ${warm.length} warm documents: **${f(median)} events/s** (target 10,000: ${median >= 10_000 ? 'met' : 'not met'}); the first: ${f(rate(cold))} events/s.`,
    '',
    'Where the time of the median document went, in seconds (the check: schema, identifiers hashed and gathered, the database asked about them, events mapped, the bulk plan; then the writes, by phase):',
    '',
    `| ${Object.keys(medianRun.phases).join(' | ')} |`,
    `|${Object.keys(medianRun.phases).map(() => '---').join('|')}|`,
    `| ${Object.values(medianRun.phases).map((v) => v.toFixed(2)).join(' | ')} |`,
    '<!-- /epcis -->',
  ].join('\n');
  writeBenchSection('epcis', section);
  log(`median ${f(median)} events/s; BENCHMARKS.md updated`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
