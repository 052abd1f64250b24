/**
 * The foundation issue's shapes, timed through the API and as direct Cypher in the same run:
 * a diamond of 20 levels (2^20 paths), a mother dough carried 1000 days, the cookie complaint.
 */
import { type BulkEvent, importEvents } from '../src/bulk/bulk.service.js';
import type { Db } from '../src/db/driver.js';
import { type TraceRequest, apiVariant, cypherVariant } from './variants.js';
import { stats } from './stats.js';

const q = (amount: number) => ({ amount, unit: 'kg' });
const out = (lotCode: string, amount: number) => ({ lotCode, productSku: 'X', productName: 'Intermediate', quantity: q(amount) });

function shapeEvents(p: string): BulkEvent[] {
  const events: BulkEvent[] = [
    { type: 'supplier', id: `${p}SUP`, name: 'Mill' },
    { type: 'receipt', lotCode: `${p}D-L0`, productSku: 'F', productName: 'Flour', supplierId: `${p}SUP`, supplierLotCode: 'S1', quantity: q(1000), receivedAt: '2026-01-01T00:00:00Z' },
    { type: 'receipt', lotCode: `${p}C-L0`, productSku: 'F', productName: 'Flour', supplierId: `${p}SUP`, supplierLotCode: 'S2', quantity: q(1000), receivedAt: '2026-01-01T00:00:00Z' },
  ];
  for (let i = 1; i <= 20; i += 1) {
    const at = '2026-01-02T00:00:00Z';
    events.push({ type: 'production', batchCode: `${p}D-X${i}`, producedAt: at, inputs: [{ lotCode: `${p}D-L${i - 1}`, quantity: q(1) }], outputs: [out(`${p}D-A${i}`, 1)] });
    events.push({ type: 'production', batchCode: `${p}D-Y${i}`, producedAt: at, inputs: [{ lotCode: `${p}D-L${i - 1}`, quantity: q(1) }], outputs: [out(`${p}D-B${i}`, 1)] });
    events.push({ type: 'production', batchCode: `${p}D-Z${i}`, producedAt: at, inputs: [{ lotCode: `${p}D-A${i}`, quantity: q(1) }, { lotCode: `${p}D-B${i}`, quantity: q(1) }], outputs: [out(`${p}D-L${i}`, 2)] });
  }
  for (let i = 1; i <= 1000; i += 1) {
    events.push({ type: 'production', batchCode: `${p}C-B${i}`, producedAt: '2026-01-03T00:00:00Z', inputs: [{ lotCode: `${p}C-L${i - 1}`, quantity: q(1) }], outputs: [out(`${p}C-L${i}`, 1)] });
  }
  return events;
}

export async function shapes(db: Db, graphqlUrl: string, runs = 20) {
  const p = 'SHAPE-';
  await importEvents(db, shapeEvents(p));
  const api = apiVariant(graphqlUrl);
  const cypher = cypherVariant(db);
  const cases: { name: string; req: TraceRequest }[] = [
    { name: 'diamond, 20 levels (2^20 paths), forward from the top', req: { direction: 'forward', lotCode: `${p}D-L0` } },
    { name: 'diamond, 20 levels, backward from the bottom', req: { direction: 'backward', lotCode: `${p}D-L20` } },
    { name: 'mother dough, 1000 days, forward from day 0', req: { direction: 'forward', lotCode: `${p}C-L0` } },
    { name: 'mother dough, 1000 days, backward from day 1000', req: { direction: 'backward', lotCode: `${p}C-L1000` } },
    { name: 'cookie complaint: backward from the cookie lot', req: { direction: 'backward', lotCode: `${p}COOKIE-0302-A` } },
    { name: 'cookie complaint: who else received (forward from the batch)', req: { direction: 'forward', batchCode: `${p}B-COOKIE-0302` } },
  ];
  const results = [];
  for (const c of cases) {
    const a: number[] = [];
    const b: number[] = [];
    let answer = '';
    await api(c.req);
    await cypher(c.req);
    for (let r = 0; r < runs; r += 1) {
      let t = performance.now();
      const x = await api(c.req);
      a.push(performance.now() - t);
      t = performance.now();
      const y = await cypher(c.req);
      b.push(performance.now() - t);
      if (x.digest !== y.digest) throw new Error(`API and Cypher disagree on ${c.name}`);
      answer = `${x.lots} lots, ${x.customers} customers`;
    }
    results.push({ name: c.name, answer, api: stats(a), cypher: stats(b) });
  }
  return results;
}
