import { describe, expect, it } from 'vitest';
import { uid, withApi } from './helpers.js';
import { type Graph, storeGraph } from './fixtures/graphs.js';

const { db, api } = withApi();

/** n ingredient lots from n suppliers, each made into an intermediate, all combined into one product. */
function fanIn(p: string, n: number): Graph {
  const g: Graph = { received: new Map(), lots: [`${p}FINAL`], batches: [], shipments: [], suppliers: [], customers: [`${p}C`] };
  const intermediates: string[] = [];
  for (let i = 0; i < n; i += 1) {
    g.suppliers.push(`${p}S${i}`);
    g.lots.push(`${p}ING${i}`, `${p}MID${i}`);
    g.received.set(`${p}ING${i}`, `${p}S${i}`);
    g.batches.push({ code: `${p}BM${i}`, inputs: [`${p}ING${i}`], outputs: [`${p}MID${i}`] });
    intermediates.push(`${p}MID${i}`);
  }
  g.batches.push({ code: `${p}BF`, inputs: intermediates, outputs: [`${p}FINAL`] });
  g.shipments.push({ id: `${p}SH`, customerId: `${p}C`, lotCode: `${p}FINAL`, amount: 1 });
  return g;
}

const NESTED = `query($code: ID!) {
  traceBackward(lotCode: $code) {
    lots { depth lot { code onHand { amount unit } producedBy { code inputs { quantity { amount } lot { code supplier { name } } } } } }
    batches { code outputs { code } }
    suppliers { id }
    customers { id shipments { id lines { lot { code } } } }
    shipmentLines { shipment { id customer { name } } }
  }
}`;

async function roundTrips(code: string) {
  const before = db.roundTrips;
  const result = await api.gql(NESTED, { code });
  expect(result.errors).toBeUndefined();
  return { trips: db.roundTrips - before, lots: result.data.traceBackward.lots.length };
}

describe('DataLoaders', () => {
  it('answer a deeply nested trace in the same few round trips for 5 lots as for 200', async () => {
    const small = uid('RT');
    const large = uid('RT');
    await storeGraph(db, fanIn(small, 5));
    await storeGraph(db, fanIn(large, 200));
    const a = await roundTrips(`${small}FINAL`);
    const b = await roundTrips(`${large}FINAL`);
    expect(a.lots).toBe(11);
    expect(b.lots).toBe(401);
    expect(b.trips).toBe(a.trips);
    // One trace query, then one batched query per kind of nested field, however many lots.
    expect(b.trips).toBeLessThanOrEqual(12);
  });
});
