import { describe, expect, it } from 'vitest';
import { grouped, traceGraph, type TraceAnswer } from './trace-graph.js';

const q = (amount: number, unit = 'kg') => ({ amount, unit });
const lot = (code: string, sku: string, status: 'AVAILABLE' | 'ON_HOLD' | 'RECALLED' = 'AVAILABLE', supplier: string | null = null) => ({
  code,
  productSku: sku,
  productName: `${sku} name`,
  status,
  quantity: q(10),
  onHand: q(5),
  supplier: supplier ? { id: supplier } : null,
});

/** Flour and butter from two mills into a dough batch, dough into two cookie lots, shipped to two shops; a third cookie lot of another batch. */
const answer: TraceAnswer = {
  truncated: false,
  lots: [
    { depth: 0, lot: lot('FLOUR', 'ING-FLOUR', 'AVAILABLE', 'MILL') },
    { depth: 1, lot: lot('COOKIE-A', 'FG-COOKIE', 'ON_HOLD') },
    { depth: 1, lot: lot('COOKIE-B', 'FG-COOKIE', 'RECALLED') },
    { depth: 1, lot: lot('CRUMBS', 'BY-CRUMBS') },
  ],
  batches: [
    // SUGAR is an input of the batch but not of this forward trace: no edge to a node that is not there.
    { code: 'B1', producedAt: '2026-03-02T08:00:00Z', inputs: [{ lot: { code: 'FLOUR' }, quantity: q(5) }, { lot: { code: 'SUGAR' }, quantity: q(1) }], outputs: [{ code: 'COOKIE-A' }, { code: 'COOKIE-B' }, { code: 'CRUMBS' }] },
  ],
  suppliers: [{ id: 'MILL', name: 'Northfield Mills' }],
  customers: [{ id: 'SHOP1', name: 'CityMart' }, { id: 'SHOP2', name: 'Corner Store' }],
  shipmentLines: [
    { shipment: { id: 'S1', shippedAt: '2026-03-03T08:00:00Z', customer: { id: 'SHOP1' } }, lot: { code: 'COOKIE-A' }, quantity: q(1, 'each') },
    { shipment: { id: 'S1', shippedAt: '2026-03-03T08:00:00Z', customer: { id: 'SHOP1' } }, lot: { code: 'COOKIE-B' }, quantity: q(1, 'each') },
    { shipment: { id: 'S2', shippedAt: '2026-03-04T08:00:00Z', customer: { id: 'SHOP2' } }, lot: { code: 'COOKIE-B' }, quantity: q(2, 'each') },
  ],
};

describe('the trace as a graph', () => {
  it('links supplier, lots, batch, shipments and customers as the goods moved, each record once', () => {
    const g = traceGraph(answer, { lot: 'FLOUR' });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(
      ['supplier:MILL', 'lot:FLOUR', 'lot:COOKIE-A', 'lot:COOKIE-B', 'lot:CRUMBS', 'batch:B1', 'shipment:S1', 'shipment:S2', 'customer:SHOP1', 'customer:SHOP2'].sort(),
    );
    expect(g.edges.map((e) => e.id).sort()).toEqual(
      [
        'supplier:MILL>lot:FLOUR',
        'lot:FLOUR>batch:B1',
        'batch:B1>lot:COOKIE-A',
        'batch:B1>lot:COOKIE-B',
        'batch:B1>lot:CRUMBS',
        'lot:COOKIE-A>shipment:S1',
        'lot:COOKIE-B>shipment:S1',
        'lot:COOKIE-B>shipment:S2',
        'shipment:S1>customer:SHOP1',
        'shipment:S2>customer:SHOP2',
      ].sort(),
    );
    expect(g.nodes.find((n) => n.id === 'lot:FLOUR')).toMatchObject({ start: true, depth: 0 });
  });

  it('links lots straight to customers without shipment nodes, counting the lines, for large answers', () => {
    const g = traceGraph(answer, {}, { shipments: false });
    expect(g.nodes.some((n) => n.kind === 'shipment')).toBe(false);
    expect(g.edges.filter((e) => e.target.startsWith('customer:')).map((e) => [e.id, e.count])).toEqual([
      ['lot:COOKIE-A>customer:SHOP1', 1],
      ['lot:COOKIE-B>customer:SHOP1', 1],
      ['lot:COOKIE-B>customer:SHOP2', 1],
    ]);
  });

  it('says ON HOLD and RECALLED in the label, not by colour alone', () => {
    const g = traceGraph(answer);
    expect(g.nodes.find((n) => n.id === 'lot:COOKIE-A')!.label).toContain('ON HOLD');
    expect(g.nodes.find((n) => n.id === 'lot:COOKIE-B')!.label).toContain('RECALLED');
    expect(g.nodes.find((n) => n.id === 'lot:CRUMBS')!.label).not.toMatch(/HOLD|RECALLED/);
  });

  it('groups lots by product with the worst status of the group, and sums the edges between groups', () => {
    const g = grouped(traceGraph(answer, { lot: 'FLOUR' }), 'product', answer);
    const cookies = g.nodes.find((n) => n.id === 'lots:FG-COOKIE')!;
    expect(cookies).toMatchObject({ count: 2, status: 'RECALLED' });
    expect(cookies.label).toBe('FG-COOKIE name\n2 lots\nsome RECALLED');
    // Both shipments carried cookies first: one node; the cookie lots' three lines into them are summed, and the customers are one node.
    expect(g.edges.find((e) => e.id === 'lots:FG-COOKIE>shipments:FG-COOKIE')!.count).toBe(3);
    expect(g.nodes.find((n) => n.id === 'customers')).toMatchObject({ count: 2, label: 'Customers\n2 customers' });
    expect(g.edges.find((e) => e.id === 'batches:FG-COOKIE>lots:FG-COOKIE')!.count).toBe(2);
    expect(g.nodes.find((n) => n.id === 'lots:ING-FLOUR')!.start).toBe(true);
    // Nothing is lost: the groups' counts add up to the records.
    const ungrouped = traceGraph(answer);
    expect(g.nodes.reduce((n, x) => n + (x.count ?? 1), 0)).toBe(ungrouped.nodes.length);
    expect(g.edges.reduce((n, e) => n + e.count, 0)).toBe(ungrouped.edges.length);
  });

  it('groups by level', () => {
    const g = grouped(traceGraph(answer), 'level', answer);
    expect(g.nodes.filter((n) => n.kind === 'lot').map((n) => [n.id, n.count])).toEqual([
      ['lots:L0', 1],
      ['lots:L1', 3],
    ]);
    expect(g.nodes.find((n) => n.id === 'batches:L1')!.label).toBe('Batches to level 1\n1 batch');
  });
});
