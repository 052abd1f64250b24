import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Http, startHttp, uid } from './helpers.js';
import { chain, storeGraph } from './fixtures/graphs.js';
import type { Db } from '../src/db/driver.js';

let db: Db;
let http: Http;
beforeAll(async () => {
  db = connect();
  http = await startHttp(db, { heavyReads: 1 });
});
afterAll(async () => {
  await http.close();
  await db.close();
});

const TRACE = 'query($lotCode: ID) { traceForward(lotCode: $lotCode) { lots { depth lot { code } } } }';
// The same trace behind a named fragment: it must not slip past the queue.
const HIDDEN = 'query($lotCode: ID) { ...t } fragment t on Query { ... on Query { traceForward(lotCode: $lotCode) { lots { lot { code } } } } }';

describe('heavy-read admission (LOTGRAPH_HEAVY_READS=1)', () => {
  it('runs one trace at a time and queues the rest, while a write and a light read still answer', async () => {
    const p = uid('ADM');
    await storeGraph(db, chain(p, 400));
    let maxRunning = 0;
    let maxWaiting = 0;
    const sampler = setInterval(() => {
      maxRunning = Math.max(maxRunning, http.admission.running());
      maxWaiting = Math.max(maxWaiting, http.admission.waiting());
    }, 1);
    try {
      const traces = Array.from({ length: 6 }, (_, i) => http.gql(i % 2 ? HIDDEN : TRACE, { lotCode: `${p}L0` }));
      // While the traces queue, a light read and a write pass by them.
      await new Promise((r) => setTimeout(r, 5));
      const light = await http.gql('{ health { neo4j } }');
      const write = await http.gql('mutation($input: SupplierInput!) { upsertSupplier(input: $input) { id } }', { input: { id: `${p}SUPX`, name: 'Mill' } });
      expect(light.status).toBe(200);
      expect(write.body.errors).toBeUndefined();
      const answers = await Promise.all(traces);
      for (const a of answers) {
        expect(a.body.errors).toBeUndefined();
        expect(a.body.data.traceForward.lots).toHaveLength(401);
      }
    } finally {
      clearInterval(sampler);
    }
    expect(maxRunning).toBe(1);
    expect(maxWaiting).toBeGreaterThanOrEqual(1);
    expect(http.admission.running()).toBe(0);
    expect(http.admission.waiting()).toBe(0);
  });

  it('gives the permit back when a trace fails', async () => {
    const refused = await http.gql(TRACE, { lotCode: null });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await http.gql(TRACE, { lotCode: 'NO-SUCH-LOT-ADM' });
    expect(missing.status).toBe(200);
    expect(http.admission.running()).toBe(0);
    const again = await http.gql('{ traceBackward(lotCode: "NO-SUCH-LOT-ADM") { lots { depth } } }');
    expect(again.status).toBe(200);
  });
});
