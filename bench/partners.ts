/**
 * npm run bench:partners: a recall across three companies, timed. A mill, a bakery and a grocer
 * each run their own lotgraph (own Neo4j, own process), linked as in README's "Across companies"
 * walkthrough. The mill recalls a flour lot; the time is from the moment the mill's initiateRecall
 * is sent to the moment the grocer's lotgraph has recorded its pending recall of the cookies made
 * from that flour (the grocer's recall finishedAt; one machine, one clock), through the bakery's
 * lotgraph, which opens its own pending recall and sends it on. Also: the mill's notice
 * acknowledged, and a backward trace across the three companies. Writes its section of BENCHMARKS.md.
 */
import { buildChain, type Company, ok, startCompanies, stopCompanies } from '../test/companies.js';
import { writeBenchSection } from './shared.js';
import { stats } from './stats.js';

const median = (xs: number[]) => stats(xs).p50;

const ROUNDS = 7;
const command = 'npm run bench:partners';

async function chainRound(mill: Company, bakery: Company, grocer: Company, i: number) {
  const run = async (c: Company, query: string, i: Record<string, unknown>) => ok(await c.gql(query, { i }));
  const at = '2026-11-10T08:00:00Z';
  const kg = (amount: number) => ({ amount, unit: 'kg' });
  await run(mill, 'mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', { lotCode: `W-${i}`, productSku: 'WHEAT', productName: 'Hard red wheat', supplierId: 'FARM', supplierLotCode: `HF-R${i}`, quantity: kg(1_000), receivedAt: at });
  await run(mill, 'mutation($i: ProductionInput!) { recordProduction(input: $i) { code } }', { batchCode: `MB-${i}`, producedAt: at, inputs: [{ lotCode: `W-${i}`, quantity: kg(1_000) }], outputs: [{ lotCode: `FL-${i}`, productSku: 'FLOUR', productName: 'Bread flour', quantity: kg(900) }] });
  await run(mill, 'mutation($i: ShipmentInput!) { recordShipment(input: $i) { id } }', { shipmentId: `SM-R${i}`, customerId: 'BAKERY', shippedAt: at, lines: [{ lotCode: `FL-${i}`, quantity: kg(500) }] });
  await run(bakery, 'mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', { lotCode: `FI-${i}`, productSku: 'FLOUR', productName: 'Bread flour', supplierId: 'MILL', supplierLotCode: `FL-${i}`, quantity: kg(500), receivedAt: at });
  await run(bakery, 'mutation($i: ProductionInput!) { recordProduction(input: $i) { code } }', { batchCode: `BB-${i}`, producedAt: at, inputs: [{ lotCode: `FI-${i}`, quantity: kg(500) }], outputs: [{ lotCode: `CK-${i}`, productSku: 'COOKIE', productName: 'Oat cookies', quantity: kg(450) }] });
  await run(bakery, 'mutation($i: ShipmentInput!) { recordShipment(input: $i) { id } }', { shipmentId: `SB-R${i}`, customerId: 'GROCER', shippedAt: at, lines: [{ lotCode: `CK-${i}`, quantity: kg(100) }] });
  await run(grocer, 'mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', { lotCode: `GI-${i}`, productSku: 'COOKIE', productName: 'Oat cookies', supplierId: 'BAKERY', supplierLotCode: `CK-${i}`, quantity: kg(100), receivedAt: at });
}

async function recallRound(mill: Company, bakery: Company, grocer: Company, i: number) {
  const grocerId = `IN-BAKERY-IN-MILL-R-${i}`;
  const t0 = Date.now();
  ok(await mill.gql('mutation($i: InitiateRecallInput!) { initiateRecall(input: $i) { id } }', {
    i: { recallId: `R-${i}`, reason: 'Undeclared sesame', classification: 'Class I', by: 'bench', start: { lotCodes: [`FL-${i}`] }, action: 'HOLD' },
  }));
  const sent = Date.now() - t0;
  for (;;) {
    const grocerRecall = ok(await grocer.gql(`{ recall(id: "${grocerId}") { finishedAt start { code } } }`)).recall;
    if (grocerRecall) {
      if (grocerRecall.start[0]?.code !== `GI-${i}`) throw new Error(`the grocer's pending recall starts at ${JSON.stringify(grocerRecall.start)}`);
      const notices = ok(await mill.gql(`{ recall(id: "R-${i}") { notifications { status acknowledgedAt } } }`)).recall.notifications;
      let acked = notices[0];
      for (let wait = 0; acked.status !== 'ACKNOWLEDGED' && wait < 200; wait += 1) {
        await new Promise((r) => setTimeout(r, 50));
        acked = ok(await mill.gql(`{ recall(id: "R-${i}") { notifications { status acknowledgedAt } } }`)).recall.notifications[0];
      }
      return { recalled: sent, grocer: Date.parse(grocerRecall.finishedAt) - t0, acknowledged: Date.parse(acked.acknowledgedAt) - t0 };
    }
    if (Date.now() - t0 > 60_000) throw new Error(`no pending recall at the grocer within a minute of R-${i}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  console.log('Starting three lotgraphs, each with its own Neo4j ...');
  const companies = await startCompanies([
    { label: 'bench-mill', name: 'Prairie Mill', portBase: 29_000 },
    { label: 'bench-bakery', name: 'Sunrise Bakery', portBase: 30_000 },
    { label: 'bench-grocer', name: 'Fresh Grocer', portBase: 31_000 },
  ]);
  const [mill, bakery, grocer] = companies as [Company, Company, Company];
  try {
    await buildChain(mill, bakery, grocer);
    for (let i = 0; i <= ROUNDS; i += 1) await chainRound(mill, bakery, grocer, i);
    const results = [];
    for (let i = 0; i <= ROUNDS; i += 1) {
      const r = await recallRound(mill, bakery, grocer, i);
      console.log(`recall ${i}${i === 0 ? ' (first, cold)' : ''}: the mill's initiateRecall answered in ${r.recalled} ms; pending at the grocer after ${r.grocer} ms; acknowledged to the mill after ${r.acknowledged} ms`);
      results.push(r);
    }
    const traces: number[] = [];
    for (let i = 1; i <= ROUNDS; i += 1) {
      const t0 = performance.now();
      // Each lot once: no answer comes from the minute that answers are kept.
      const t = ok(await grocer.gql(`{ traceBackward(lotCode: "GI-${i}", acrossPartners: true) { lots { lot { code } } partnerLineage { hop } partnerProblems { reason } } }`)).traceBackward;
      traces.push(performance.now() - t0);
      if (t.partnerProblems.length || t.partnerLineage.length !== 2) throw new Error(`the trace across did not reach the mill: ${JSON.stringify(t)}`);
    }
    const [cold, ...warm] = results;
    const m = (k: 'recalled' | 'grocer' | 'acknowledged') => Math.round(median(warm.map((r) => r[k])));
    const range = (k: 'grocer') => `${Math.min(...warm.map((r) => r[k]))}-${Math.max(...warm.map((r) => r[k]))}`;
    const section = [
      '<!-- partners -->',
      '## Across companies: a recall from the mill to the grocer',
      '',
      `Command: \`${command}\` (bench/partners.ts). ${new Date().toISOString().slice(0, 10)}.`,
      '',
      'Three companies, each with its own lotgraph process and its own launcher Neo4j on this one machine, linked as README\'s',
      '"Across companies" walkthrough links them: a mill ships flour to a bakery, which ships cookies made of it to a grocer.',
      'The mill recalls a flour lot. Timed from the moment the mill\'s `initiateRecall` is sent to the moment the grocer\'s',
      'lotgraph has recorded its pending recall of the cookie lot it received (the recall\'s `finishedAt`; one clock): the',
      'mill\'s lotgraph signs and sends a notice to the bakery\'s, which verifies it, finds its flour lot, computes its own',
      'scope, opens a pending recall, acknowledges, and sends its own signed notice on to the grocer\'s, which does the same.',
      `Medians of ${warm.length} recalls, each of a flour lot of its own, after a first one on the freshly started databases.`,
      '',
      '| | median | range |',
      '|---|---|---|',
      `| the mill's initiateRecall answered | ${m('recalled')} ms | |`,
      `| the mill's notice acknowledged by the bakery's lotgraph | ${m('acknowledged')} ms | |`,
      `| **a pending recall at the grocer** | **${m('grocer')} ms** | ${range('grocer')} ms |`,
      '',
      `The first recall after the three databases started: pending at the grocer after ${cold!.grocer} ms (each Neo4j plans its statements the first time).`,
      '',
      `A backward trace at the grocer across the three companies (\`traceBackward(acrossPartners: true)\`: the bakery's lotgraph asks the mill's, each answer signed and verified): median ${Math.round(median(traces))} ms of ${traces.length} (range ${Math.round(Math.min(...traces))}-${Math.round(Math.max(...traces))} ms), each of a lot of its own, so that no company answers from the minute it keeps answers.`,
      '<!-- /partners -->',
    ].join('\n');
    writeBenchSection('partners', section);
    console.log(`\n${section}\n`);
  } finally {
    await stopCompanies(companies);
  }
}

await main();
