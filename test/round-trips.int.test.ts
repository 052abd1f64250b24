import { afterEach, describe, expect, it } from 'vitest';
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
    // The first trace on a Db asks Neo4j once whether it has the trace procedure.
    await roundTrips(`${small}FINAL`);
    const a = await roundTrips(`${small}FINAL`);
    const b = await roundTrips(`${large}FINAL`);
    expect(a.lots).toBe(11);
    expect(b.lots).toBe(401);
    expect(b.trips).toBe(a.trips);
    // One trace query, then one batched query per kind of nested field, however many lots.
    expect(b.trips).toBeLessThanOrEqual(12);
  });
});

const FLAT = `query($code: ID!) {
  traceForward(lotCode: $code) {
    lots { depth lot { code } }
    shipmentLines { shipment { id } lot { code } quantity { amount unit } }
    customers { id name }
    suppliers { id name }
    truncated
  }
}`;

describe('a trace with its lines, customers and suppliers', () => {
  afterEach(() => {
    delete process.env.LOTGRAPH_TRACE_PATH;
  });

  it('takes one round trip on the procedure path (three on the Cypher path), with the same answer', async () => {
    const p = uid('RT1');
    await storeGraph(db, fanIn(p, 20));
    const run = async (path: string) => {
      process.env.LOTGRAPH_TRACE_PATH = path;
      const before = db.roundTrips;
      const result = await api.gql(FLAT, { code: `${p}ING3` });
      expect(result.errors).toBeUndefined();
      return { trips: db.roundTrips - before, data: result.data };
    };
    const procedure = await run('procedure');
    const cypher = await run('cypher');
    expect(procedure.trips).toBe(1);
    expect(cypher.trips).toBe(3);
    expect(procedure.data).toEqual(cypher.data);
    expect(procedure.data.traceForward.customers).toEqual([{ id: `${p}C`, name: expect.any(String) }]);
    expect(procedure.data.traceForward.suppliers).toEqual([{ id: `${p}S3`, name: expect.any(String) }]);
  });
});

describe('a mutation', () => {
  it('is one statement, its audit record included: receipt, production and shipment each check, lock and write at once', async () => {
    const p = uid('RT2');
    const trips = async (query: string, input: unknown) => {
      const before = db.roundTrips;
      const result = await api.gql(query, { input });
      expect(result.errors).toBeUndefined();
      return db.roundTrips - before;
    };
    await trips('mutation($input: SupplierInput!) { upsertSupplier(input: $input) { id } }', { id: `${p}S`, name: 'Mill' });
    await trips('mutation($input: CustomerInput!) { upsertCustomer(input: $input) { id } }', { id: `${p}C`, name: 'Shop' });
    const receipt = {
      lotCode: `${p}FLOUR`, productSku: 'ING', productName: 'Flour', supplierId: `${p}S`, supplierLotCode: 'S1',
      quantity: { amount: 100, unit: 'kg' }, receivedAt: '2026-01-01T00:00:00Z',
    };
    expect(await trips('mutation($input: ReceiveLotInput!) { receiveLot(input: $input) { code } }', receipt)).toBe(1);
    expect(
      await trips('mutation($input: ProductionInput!) { recordProduction(input: $input) { code } }', {
        batchCode: `${p}B`, producedAt: '2026-01-02T00:00:00Z',
        inputs: [{ lotCode: `${p}FLOUR`, quantity: { amount: 40, unit: 'kg' } }],
        outputs: [{ lotCode: `${p}FG`, productSku: 'FG', productName: 'Bread', quantity: { amount: 100, unit: 'each' } }],
      }),
    ).toBe(1);
    expect(
      await trips('mutation($input: ShipmentInput!) { recordShipment(input: $input) { id } }', {
        shipmentId: `${p}SH`, customerId: `${p}C`, shippedAt: '2026-01-03T00:00:00Z',
        lines: [{ lotCode: `${p}FG`, quantity: { amount: 50, unit: 'each' } }],
      }),
    ).toBe(1);
    // A repeat of the very same input answers from the same one statement, and is audited too.
    expect(await trips('mutation($input: ReceiveLotInput!) { receiveLot(input: $input) { code } }', receipt)).toBe(1);
  });
});
