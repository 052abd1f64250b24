/**
 * npm run bench:fault [-- --clients 32 --seconds 60 --kills 2 --down 12]
 *
 * What a database crash does to acknowledged writes. A Neo4j of the fault test's own (a launcher
 * instance under .bench/, wiped first) and the API in its own process, as in production. `clients`
 * clients record receipts, production batches and shipments through the API for `seconds`, while
 * Neo4j is killed with SIGKILL and started again `kills` times. A client retries whatever did not
 * come back acknowledged with the very same input (the API records a repeat once), until it is.
 * Afterwards, straight from the database:
 *   - every acknowledged write is there, with its content, and nothing else is;
 *   - nothing is there twice (one node per code, the lines each record was sent with);
 *   - every lot reconciles: received or produced = consumed + shipped + on hand, and on hand is
 *     what the acknowledged writes leave;
 *   - while Neo4j was down the API answered 503 (never 500), and it came back by itself.
 * The figures go into the fault section of BENCHMARKS.md; the run fails (exit 1) if any check does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectToLauncher } from '../src/db/connect.js';
import { boltUri, start, status, stop } from '../src/db/launcher.js';
import { applySchema } from '../src/db/schema.js';
import * as lotRepository from '../src/lot/lot.repository.js';
import { toBase } from '../src/units.js';
import { apiFetch, BENCH_KEY } from './auth.js';
import { freshBenchNeo4j, root, writeBenchSection } from './shared.js';
import { stats } from './stats.js';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '60' },
    kills: { type: 'string', default: '2' },
    down: { type: 'string', default: '12' },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const KILLS = Number(args.kills);
/** Seconds Neo4j stays dead before it is started again: longer than the driver's 10 s of retries, so that clients meet the outage. */
const DOWN = Number(args.down);
const command = `npm run bench:fault${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
/** Lots that every client's batches draw on, so that writers also meet on locks. */
const SHARED_LOTS = 4;
const SHARED_KG = 1_000_000;
const KG = toBase(1, 'kg');
const EACH = toBase(1, 'each');

const log = (s: string) => console.log(`[fault] ${s}`);
const now = () => performance.now();

interface Outcome {
  ok: boolean;
  status: number | 'network';
  code?: string;
  at: number;
  began?: number;
}

/** Every response the clients saw, in order, and what was acknowledged. */
const seen: Outcome[] = [];
const acked = { receipts: new Set<string>(), batches: new Set<string>(), shipments: new Set<string>() };
let retries = 0;
const health: { at: number; status: number }[] = [];
const messages = new Map<string, number>();
/** The longest the API held a request before it answered. */
let held = 0;
const unexpected: string[] = [];

async function main() {
  const c = await freshBenchNeo4j({
    name: 'fault',
    boltPort: process.env.LOTGRAPH_FAULT_BOLT_PORT ?? '7720',
    httpPort: process.env.LOTGRAPH_FAULT_HTTP_PORT ?? '7730',
    heap: '1g',
    pageCache: '512m',
  });
  await start(c, log);
  const db = connectToLauncher(c);
  await applySchema(db);

  const port = Number(process.env.LOTGRAPH_FAULT_API_PORT ?? 4090);
  const api: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
    cwd: root,
    env: { ...process.env, NEO4J_URI: boltUri(c), NEO4J_PASSWORD: c.password, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOTGRAPH_ADMIN_KEY: BENCH_KEY, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${base}/health`)).ok, 60_000, 'the API to answer /health');
    const graphql = `${base}/graphql`;
    const run = `F${Date.now().toString(36).toUpperCase()}-`;
    await send(graphql, 'mutation($i: SupplierInput!) { upsertSupplier(input: $i) { id } }', { i: { id: `${run}SUP`, name: 'Mill' } });
    await send(graphql, 'mutation($i: CustomerInput!) { upsertCustomer(input: $i) { id } }', { i: { id: `${run}CUST`, name: 'Shop' } });
    for (let k = 0; k < SHARED_LOTS; k += 1) await send(graphql, RECEIVE, { i: receipt(run, `${run}FLOUR${k}`, SHARED_KG) });
    seen.length = 0;

    log(`${CLIENTS} clients for ${SECONDS} s; Neo4j killed with SIGKILL ${KILLS} times`);
    const t0 = now();
    // The load runs `seconds`, and at least 10 s past the last restart, to show the recovery.
    const end = { at: t0 + SECONDS * 1000 };
    const kills: { at: number; back: number; restartMs: number }[] = [];
    const killer = (async () => {
      for (let k = 1; k <= KILLS; k += 1) {
        // Evenly spread, and each at least 10 s after Neo4j came back from the one before.
        const at = Math.max(t0 + (SECONDS * 1000 * k) / (KILLS + 1), (kills.at(-1)?.back ?? 0) + 10_000);
        await sleep(at - now());
        const pid = (await status(c)).pid;
        if (pid === null) throw new Error('Neo4j is not running at the kill');
        process.kill(pid, 'SIGKILL');
        const killedAt = now();
        log(`killed Neo4j (pid ${pid}) at ${((killedAt - t0) / 1000).toFixed(1)} s`);
        // Down long enough for every client to meet it, then started again as an operator would.
        await sleep(DOWN * 1000);
        const t = now();
        await start(c, () => undefined);
        kills.push({ at: killedAt, back: now(), restartMs: now() - t });
        end.at = Math.max(end.at, now() + 10_000);
        log(`Neo4j back after ${((now() - killedAt) / 1000).toFixed(1)} s`);
      }
    })();
    const counts = { units: 0 };
    let loadDone = false;
    // A load balancer's view: GET /health every 250 ms.
    const probe = (async () => {
      while (!loadDone) {
        const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
        health.push({ at: now(), status: res?.status ?? 0 });
        await sleep(250);
      }
    })();
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(graphql, run, n, end, counts)));
    await killer;
    loadDone = true;
    await probe;
    const loadSeconds = (now() - t0) / 1000;
    log(`load done in ${loadSeconds.toFixed(1)} s: ${counts.units} receipt-batch-shipment units`);

    const transitions = health.filter((h, k) => k === 0 || h.status !== health[k - 1].status).map((h) => `${((h.at - t0) / 1000).toFixed(1)}s:${h.status}`);
    log(`GET /health: ${transitions.join(' ')}`);
    const buckets = new Map<number, string>();
    for (const o of seen) {
      const b = Math.floor((o.at - t0) / 5000) * 5;
      const [ok, bad] = (buckets.get(b) ?? '0/0').split('/').map(Number);
      buckets.set(b, o.ok ? `${ok + 1}/${bad}` : `${ok}/${bad + 1}`);
    }
    for (const [m, n] of messages) log(`${n} × ${m}`);
    log(`acknowledged/failed writes per 5 s: ${[...buckets].map(([b, v]) => `${b}s ${v}`).join(', ')}`);
    const verdict = await verify(db, run);
    const outages = kills.map((k, n) => outage(k.at, kills[n + 1]?.at ?? Infinity));
    const answered = { s503: 0, s500: 0, other: 0, network: 0 };
    for (const o of seen.filter((x) => !x.ok)) {
      if (o.status === 503) answered.s503 += 1;
      else if (o.status === 'network') answered.network += 1;
      else if (o.status >= 500) answered.s500 += 1;
      else answered.other += 1;
    }
    const ackedTotal = acked.receipts.size + acked.batches.size + acked.shipments.size;
    const latencies = stats(kills.map((k) => k.restartMs));
    const healthDown = health.filter((h) => h.status === 503).length;
    const healthOther = health.filter((h) => h.status !== 503 && h.status !== 200).length;
    const problems = [
      ...verdict.problems,
      ...unexpected,
      ...(answered.s500 > 0 ? [`the API answered ${answered.s500} requests with a 5xx other than 503`] : []),
      ...(answered.other > 0 ? [`${answered.other} requests were refused with a 4xx`] : []),
      ...(kills.length !== KILLS ? [`Neo4j was killed ${kills.length} times, not ${KILLS}`] : []),
      ...(outages.some((o) => o.failed === 0) ? ['a kill went by without a single 503 to the clients (raise --down)'] : []),
      ...(healthDown === 0 ? ['GET /health never answered 503 while Neo4j was down'] : []),
      ...(health.at(-1)?.status !== 200 ? ['GET /health did not answer 200 at the end'] : []),
    ];
    const section = [
      '<!-- fault -->',
      '## Fault test: Neo4j killed under load',
      '',
      `Command: \`${command}\` (bench/fault.ts). ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `${CLIENTS} clients recorded receipts, production batches (each drawing on its own receipt and on one of ${SHARED_LOTS} shared lots)`,
      `and shipments through the API (its own process) for ${loadSeconds.toFixed(0)} s (${SECONDS} s asked, and 10 s past the last restart), while Neo4j was killed with SIGKILL ${KILLS} times and`,
      `started again ${DOWN} s later (the API retries a transaction for 10 s before it answers 503). Each client retried`,
      'what was not acknowledged with the very same input. Checked afterwards',
      'straight from the database.',
      '',
      '| figure | value |',
      '|---|---|',
      `| writes acknowledged | ${ackedTotal} (${acked.receipts.size} receipts, ${acked.batches.size} batches, ${acked.shipments.size} shipments) |`,
      `| requests retried (same input) | ${retries} |`,
      `| **acknowledged writes lost** | **${verdict.lost}** |`,
      `| records in the database twice | ${verdict.twice} |`,
      `| records in the database never acknowledged | ${verdict.unacknowledged} |`,
      `| lots reconciled (mass balance) | ${verdict.reconciled} of ${verdict.lots} (${((100 * verdict.reconciled) / Math.max(1, verdict.lots)).toFixed(1)}%) |`,
      `| failed answers to writes | ${answered.s503} × 503, ${answered.s500} × 500 or other 5xx, ${answered.network} connection failures |`,
      `| GET /health while Neo4j was down | ${healthDown} × 503, ${healthOther} × other than 200 or 503 |`,
      `| downtime seen by clients (longest wait between acknowledged writes), per kill | ${outages.map((o) => `${(o.ms / 1000).toFixed(1)} s (${o.failed} × 503)`).join(', ')} |`,
      `| Neo4j down (SIGKILL to the database answering a query again: ${DOWN} s dead, then start-up and crash recovery), median | ${(stats(kills.map((k) => k.back - k.at)).p50 / 1000).toFixed(1)} s |`,
      `| of which start-up and recovery, median | ${(latencies.p50 / 1000).toFixed(1)} s |`,
      `| longest a request was held before its answer | ${(held / 1000).toFixed(1)} s |`,
      `| the API recovered without a restart | ${health.at(-1)?.status === 200 && counts.units > 0 ? 'yes' : 'no'} |`,
      '',
      problems.length === 0 ? 'Every check held.' : `**Checks that failed:** ${problems.join('; ')}.`,
      '<!-- /fault -->',
    ].join('\n');
    writeBenchSection('fault', section);
    console.log(`\n${section}\n`);
    await db.close();
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    api.kill('SIGTERM');
    await stop(c);
  }
}

const RECEIVE = 'mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }';
const PRODUCE = 'mutation($i: ProductionInput!) { recordProduction(input: $i) { code } }';
const SHIP = 'mutation($i: ShipmentInput!) { recordShipment(input: $i) { id } }';

const receipt = (run: string, code: string, kg: number) => ({
  lotCode: code, productSku: 'FLOUR', productName: 'Flour', supplierId: `${run}SUP`, supplierLotCode: `S-${code}`,
  quantity: { amount: kg, unit: 'kg' }, receivedAt: '2026-01-01T00:00:00Z',
});

/** One client: receipt, batch, shipment, again and again until the time is up; each acknowledged before the next. */
async function client(url: string, run: string, n: number, end: { at: number }, counts: { units: number }) {
  for (let i = 0; now() < end.at; i += 1) {
    const lot = `${run}C${n}-${i}`;
    await until(url, RECEIVE, { i: receipt(run, lot, 100) });
    acked.receipts.add(lot);
    await until(url, PRODUCE, {
      i: {
        batchCode: `${lot}-B`, producedAt: '2026-01-02T00:00:00Z',
        inputs: [{ lotCode: lot, quantity: { amount: 40, unit: 'kg' } }, { lotCode: `${run}FLOUR${(n + i) % SHARED_LOTS}`, quantity: { amount: 1, unit: 'kg' } }],
        outputs: [{ lotCode: `${lot}-FG`, productSku: 'BREAD', productName: 'Bread', quantity: { amount: 100, unit: 'each' } }],
      },
    });
    acked.batches.add(`${lot}-B`);
    await until(url, SHIP, {
      i: { shipmentId: `${lot}-S`, customerId: `${run}CUST`, shippedAt: '2026-01-03T00:00:00Z', lines: [{ lotCode: `${lot}-FG`, quantity: { amount: 50, unit: 'each' } }] },
    });
    acked.shipments.add(`${lot}-S`);
    counts.units += 1;
  }
}

/** Sends one mutation until it is acknowledged, with the same input every time. */
async function until(url: string, query: string, variables: unknown): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) {
      retries += 1;
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
    }
    const outcome = await send(url, query, variables).catch((e: Error) => ({ ok: false, status: 'network' as const, at: now(), error: e }));
    if (outcome.ok) return;
    if (outcome.status !== 503 && outcome.status !== 'network' && attempt > 20) {
      unexpected.push(`a write failed ${attempt} times, last with ${outcome.status} ${outcome.code ?? ''}`);
      return;
    }
  }
}

async function send(url: string, query: string, variables: unknown): Promise<Outcome> {
  const began = now();
  const res = await apiFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(60_000) });
  const body = (await res.json()) as { errors?: { extensions?: { code?: string }; message: string }[] };
  const code = body.errors?.[0]?.extensions?.code;
  const outcome: Outcome = { ok: res.status === 200 && !body.errors, status: res.status, code, at: now(), began };
  held = Math.max(held, outcome.at - began);
  if (body.errors) messages.set(body.errors[0].message, (messages.get(body.errors[0].message) ?? 0) + 1);
  if (res.status === 200 && body.errors) unexpected.push(`refused: ${body.errors[0].message}`);
  seen.push(outcome);
  return outcome;
}

/**
 * The outage that a kill caused, as clients saw it: the longest wait between two acknowledged
 * writes from the kill to a minute later (or the next kill), and the failed answers in that time.
 */
function outage(killedAt: number, nextKill: number): { ms: number; failed: number } {
  const window = seen.filter((o) => o.at >= killedAt && o.at < Math.min(nextKill, killedAt + 60_000));
  const oks = [killedAt, ...window.filter((o) => o.ok).map((o) => o.at)].sort((a, b) => a - b);
  let longest = 0;
  for (let k = 1; k < oks.length; k += 1) longest = Math.max(longest, oks[k] - oks[k - 1]);
  return { ms: longest, failed: window.filter((o) => !o.ok).length };
}

async function verify(db: ReturnType<typeof connectToLauncher>, run: string) {
  const problems: string[] = [];
  const [row] = await db.run<{ lots: string[]; batches: string[]; shipments: string[]; dupLots: number; dupBatches: number; dupShipments: number; badBatches: string[]; badShipments: string[] }>({
    name: 'fault/records',
    text: `CALL () { MATCH (l:Lot) WHERE l.code STARTS WITH $run AND NOT l.code CONTAINS 'FLOUR' AND NOT l.code ENDS WITH '-FG'
                    WITH l.code AS code, count(*) AS n RETURN collect(code) AS lots, sum(n) - count(code) AS dupLots }
           CALL () { MATCH (b:Batch) WHERE b.code STARTS WITH $run
                    OPTIONAL MATCH (b)<-[c:CONSUMED_IN]-()
                    WITH b, count(c) AS inputs
                    OPTIONAL MATCH (b)-[p:PRODUCED]->()
                    WITH b, inputs, count(p) AS outputs
                    WITH b.code AS code, inputs, outputs, count(*) AS n
                    RETURN collect(code) AS batches, sum(n) - count(code) AS dupBatches,
                           [x IN collect(CASE WHEN inputs <> 2 OR outputs <> 1 THEN code END) WHERE x IS NOT NULL] AS badBatches }
           CALL () { MATCH (s:Shipment) WHERE s.id STARTS WITH $run
                    OPTIONAL MATCH ()-[line:SHIPPED_TO {shipmentId: s.id}]->()
                    WITH s.id AS id, count(line) AS lines, count(DISTINCT s) AS n
                    RETURN collect(id) AS shipments, sum(n) - count(id) AS dupShipments,
                           [x IN collect(CASE WHEN lines <> 1 THEN id END) WHERE x IS NOT NULL] AS badShipments }
           RETURN lots, batches, shipments, dupLots, dupBatches, dupShipments, badBatches, badShipments`,
  }, { run });
  const compare = (kind: string, want: Set<string>, have: string[]) => {
    const present = new Set(have);
    const lost = [...want].filter((x) => !present.has(x));
    const extra = have.filter((x) => !want.has(x));
    if (lost.length) problems.push(`${lost.length} acknowledged ${kind} missing (${lost.slice(0, 3).join(', ')})`);
    if (extra.length) problems.push(`${extra.length} ${kind} in the database never acknowledged (${extra.slice(0, 3).join(', ')})`);
    return { lost: lost.length, extra: extra.length };
  };
  const r = compare('receipts', acked.receipts, row.lots);
  const b = compare('batches', acked.batches, row.batches);
  const s = compare('shipments', acked.shipments, row.shipments);
  const twice = Number(row.dupLots) + Number(row.dupBatches) + Number(row.dupShipments) + row.badBatches.length + row.badShipments.length;
  if (twice) problems.push(`records twice or with other lines: ${[...row.badBatches, ...row.badShipments].slice(0, 3).join(', ')}`);

  // Mass balance: every lot of the run, against its own movements and against what the acknowledged writes leave.
  const sharedConsumed = new Map<string, bigint>();
  const codes: string[] = [];
  for (const lot of acked.receipts) {
    codes.push(lot);
    if (acked.batches.has(`${lot}-B`)) codes.push(`${lot}-FG`);
  }
  for (let k = 0; k < SHARED_LOTS; k += 1) codes.push(`${run}FLOUR${k}`);
  for (const batch of acked.batches) {
    const [, client, i] = /C(\d+)-(\d+)-B$/.exec(batch)!;
    const shared = `${run}FLOUR${(Number(client) + Number(i)) % SHARED_LOTS}`;
    sharedConsumed.set(shared, (sharedConsumed.get(shared) ?? 0n) + KG);
  }
  const balances = await lotRepository.lotBalances(db, codes);
  let reconciled = 0;
  const expected = (code: string): bigint => {
    if (code.includes('FLOUR')) return BigInt(SHARED_KG) * KG - (sharedConsumed.get(code) ?? 0n);
    if (code.endsWith('-FG')) return (acked.shipments.has(code.replace(/-FG$/, '-S')) ? 50n : 100n) * EACH;
    return (acked.batches.has(`${code}-B`) ? 60n : 100n) * KG;
  };
  for (const l of balances) {
    const own = BigInt(l.receivedBase) - BigInt(l.consumedBase) - BigInt(l.shippedBase) - BigInt(l.adjustedOutBase) === BigInt(l.onHandBase);
    if (own && BigInt(l.onHandBase) === expected(l.code)) reconciled += 1;
    else if (problems.length < 20) problems.push(`lot ${l.code} does not reconcile: on hand ${l.onHandBase}, expected ${expected(l.code)}`);
  }
  if (balances.length !== codes.length) problems.push(`${codes.length - balances.length} lots missing from the balances`);
  return { problems, lost: r.lost + b.lost + s.lost, unacknowledged: r.extra + b.extra + s.extra, twice, lots: codes.length, reconciled };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function waitFor(check: () => Promise<boolean>, withinMs: number, what: string) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`Gave up waiting for ${what}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
