/**
 * A trace answer as a layered graph: suppliers → received lots → batches → produced lots →
 * shipments → customers. Pure (no DOM), so that it is tested on its own; the explorer hands the
 * result to Cytoscape. Large answers can be grouped: every lot of a product (or of a level) one
 * node, edges between groups summed.
 */
export type Status = 'AVAILABLE' | 'ON_HOLD' | 'RECALLED';

export interface TraceAnswer {
  truncated: boolean;
  lots: { depth: number; lot: { code: string; productSku: string; productName: string; status: Status; quantity: Q; onHand: Q; supplier: { id: string } | null } }[];
  batches: { code: string; producedAt: string; inputs: { lot: { code: string }; quantity: Q }[]; outputs: { code: string }[] }[];
  suppliers: { id: string; name: string }[];
  customers: { id: string; name: string }[];
  shipmentLines: { shipment: { id: string; shippedAt: string; customer: { id: string } }; lot: { code: string }; quantity: Q }[];
}
interface Q {
  amount: number;
  unit: string;
}

export type Kind = 'supplier' | 'lot' | 'batch' | 'shipment' | 'customer';
export type Grouping = 'none' | 'product' | 'level';

export interface GraphNode {
  id: string;
  kind: Kind;
  label: string;
  /** The worst status among the lots it stands for (lots and lot groups). */
  status?: Status;
  /** For a lot: its code; for a group: how many records it stands for. */
  code?: string;
  count?: number;
  depth?: number;
  /** The start of the trace. */
  start?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** How many edges of the ungrouped graph it stands for. */
  count: number;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const STATUS_RANK: Record<Status, number> = { AVAILABLE: 0, ON_HOLD: 1, RECALLED: 2 };
export const worst = (a: Status | undefined, b: Status | undefined): Status | undefined => (!a ? b : !b ? a : STATUS_RANK[a] >= STATUS_RANK[b] ? a : b);

/**
 * Every record of the answer, each once, linked as the goods moved. Without `shipments` (a large
 * answer), a lot links straight to the customers it was shipped to: the lists hold the shipments.
 */
export function traceGraph(t: TraceAnswer, start: { lot?: string; batch?: string } = {}, { shipments = true } = {}): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const add = (n: GraphNode) => nodes.has(n.id) || nodes.set(n.id, n);
  const link = (source: string, target: string) => {
    if (!nodes.has(source) || !nodes.has(target)) return;
    const id = `${source}>${target}`;
    const existing = edges.get(id);
    if (existing) existing.count += shipments ? 0 : 1;
    else edges.set(id, { id, source, target, count: 1 });
  };
  const names = new Map([...t.suppliers.map((s) => [`supplier:${s.id}`, s.name] as const), ...t.customers.map((c) => [`customer:${c.id}`, c.name] as const)]);
  for (const s of t.suppliers) add({ id: `supplier:${s.id}`, kind: 'supplier', label: s.name });
  for (const { lot, depth } of t.lots) {
    const label = `${lot.code}\n${lot.productName}${lot.status === 'ON_HOLD' ? '\nON HOLD' : lot.status === 'RECALLED' ? '\nRECALLED' : ''}`;
    add({ id: `lot:${lot.code}`, kind: 'lot', label, status: lot.status, code: lot.code, depth, start: lot.code === start.lot });
  }
  for (const b of t.batches) add({ id: `batch:${b.code}`, kind: 'batch', label: b.code, code: b.code, start: b.code === start.batch });
  for (const c of t.customers) add({ id: `customer:${c.id}`, kind: 'customer', label: c.name });
  if (shipments) for (const line of t.shipmentLines) add({ id: `shipment:${line.shipment.id}`, kind: 'shipment', label: line.shipment.id, code: line.shipment.id });
  // Edges, once both ends are in the answer (a batch's other inputs are not part of a forward trace).
  for (const { lot } of t.lots) if (lot.supplier && names.has(`supplier:${lot.supplier.id}`)) link(`supplier:${lot.supplier.id}`, `lot:${lot.code}`);
  for (const b of t.batches) {
    for (const i of b.inputs) link(`lot:${i.lot.code}`, `batch:${b.code}`);
    for (const o of b.outputs) link(`batch:${b.code}`, `lot:${o.code}`);
  }
  for (const line of t.shipmentLines) {
    if (!shipments) {
      link(`lot:${line.lot.code}`, `customer:${line.shipment.customer.id}`);
      continue;
    }
    link(`lot:${line.lot.code}`, `shipment:${line.shipment.id}`);
    link(`shipment:${line.shipment.id}`, `customer:${line.shipment.customer.id}`);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/**
 * The same graph with lots grouped by product or by level (depth), batches by what they made
 * (product) or the level of their outputs, shipments by the product (level) of their first lot,
 * and every customer in one node (the lists name them). Suppliers stay.
 */
export function grouped(g: Graph, by: Grouping, t: TraceAnswer): Graph {
  if (by === 'none') return g;
  const lots = new Map(t.lots.map(({ lot, depth }) => [lot.code, { ...lot, depth }]));
  const batchOutputs = new Map(t.batches.map((b) => [b.code, b.outputs.map((o) => lots.get(o.code)).filter((l) => !!l)]));
  const firstLotOf = new Map<string, string>();
  for (const l of t.shipmentLines) if (!firstLotOf.has(l.shipment.id)) firstLotOf.set(l.shipment.id, l.lot.code);
  const groupOf = (n: GraphNode): { id: string; label: string; kind: Kind } => {
    if (n.kind === 'lot') {
      const lot = lots.get(n.code!)!;
      return by === 'product'
        ? { id: `lots:${lot.productSku}`, label: lot.productName, kind: 'lot' }
        : { id: `lots:L${lot.depth}`, label: `Level ${lot.depth}`, kind: 'lot' };
    }
    if (n.kind === 'batch') {
      const out = batchOutputs.get(n.code!) ?? [];
      if (out.length === 0) return { id: `batches:?`, label: 'Batches', kind: 'batch' };
      return by === 'product'
        ? { id: `batches:${out[0].productSku}`, label: `Batches making ${out[0].productName}`, kind: 'batch' }
        : { id: `batches:L${Math.min(...out.map((l) => l.depth))}`, label: `Batches to level ${Math.min(...out.map((l) => l.depth))}`, kind: 'batch' };
    }
    if (n.kind === 'shipment') {
      // With the product (or level) of the first lot it carried.
      const lot = lots.get(firstLotOf.get(n.code!)!)!;
      return by === 'product'
        ? { id: `shipments:${lot.productSku}`, label: `Shipments of ${lot.productName}`, kind: 'shipment' }
        : { id: `shipments:L${lot.depth}`, label: `Shipments from level ${lot.depth}`, kind: 'shipment' };
    }
    if (n.kind === 'customer') return { id: 'customers', label: 'Customers', kind: 'customer' };
    return { id: n.id, label: n.label, kind: n.kind };
  };
  const nodes = new Map<string, GraphNode>();
  const members = new Map<string, string>();
  for (const n of g.nodes) {
    const group = groupOf(n);
    members.set(n.id, group.id);
    const existing = nodes.get(group.id);
    if (existing) {
      existing.count = (existing.count ?? 1) + 1;
      existing.status = worst(existing.status, n.status);
      existing.start ||= n.start;
    } else {
      nodes.set(group.id, { id: group.id, kind: group.kind, label: group.label, status: n.status, count: 1, start: n.start });
    }
  }
  for (const n of nodes.values()) {
    if (n.kind === 'supplier' || (n.kind === 'customer' && n.id !== 'customers')) continue;
    const noun = n.kind === 'lot' ? 'lot' : n.kind === 'batch' ? 'batch' : n.kind === 'customer' ? 'customer' : 'shipment';
    const plural = n.count === 1 ? noun : noun === 'batch' ? 'batches' : `${noun}s`;
    n.label = `${n.label}\n${n.count} ${plural}${n.status === 'ON_HOLD' ? '\nsome ON HOLD' : n.status === 'RECALLED' ? '\nsome RECALLED' : ''}`;
  }
  const edges = new Map<string, GraphEdge>();
  for (const e of g.edges) {
    const source = members.get(e.source)!;
    const target = members.get(e.target)!;
    const id = `${source}>${target}`;
    const existing = edges.get(id);
    if (existing) existing.count += e.count;
    else edges.set(id, { id, source, target, count: e.count });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
