/**
 * The trace explorer (/trace): find a lot (by its code, a batch code, the supplier's lot code,
 * or a caller's description), trace it backward or forward, and see the answer as a layered
 * graph with lists beside it. Every view has an address (/trace?lot=...&direction=forward), which
 * a dashboard can link to or embed (&embed=1 shows the graph alone).
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { ApiError, can, gql, type Me } from './api.js';
import { $, clear, csv, download, h, qty, when } from './dom.js';
import { QUERIES } from './queries.js';
import { say, start } from './shell.js';
import { type Graph, grouped, type Grouping, traceGraph, type TraceAnswer } from './trace-graph.js';

cytoscape.use(dagre);

type Direction = 'backward' | 'forward';
interface View {
  lot?: string;
  batch?: string;
  direction: Direction;
  maxDepth?: number;
  group?: Grouping;
}

/** Answers above this many lots open grouped by product (the reader can still ask for every lot). */
const GROUP_ABOVE = 400;

const me: Me = await start({ partners: false });
const params = new URLSearchParams(location.search);
if (params.get('embed') === '1') document.body.classList.add('embed');

let current: { view: View; answer: TraceAnswer } | null = null;
let cy: cytoscape.Core | null = null;

// ---------------------------------------------------------------- the finder
const codeInput = h('input', { id: 'code', name: 'code', required: true, placeholder: 'COOKIE-0302-A', size: 18 });
const kindSelect = h('select', { id: 'code-kind', name: 'kind' }, h('option', { value: 'lot' }, 'Lot code'), h('option', { value: 'batch' }, 'Batch code'));
const directionSelect = h('select', { id: 'direction', name: 'direction' }, h('option', { value: 'backward' }, 'Backward: what went into it'), h('option', { value: 'forward' }, 'Forward: where it went, who received it'));
const depthInput = h('input', { id: 'max-depth', name: 'maxDepth', type: 'number', min: 1, max: 100, size: 4, placeholder: 'all' });
const traceForm = h(
  'form',
  { 'aria-label': 'Trace a lot or batch' },
  h(
    'fieldset',
    {},
    h('legend', {}, 'Trace a lot or batch'),
    h('label', { for: 'code' }, 'Code'),
    h('div', { class: 'row' }, codeInput, h('label', { for: 'code-kind', class: 'visually-hidden' }, 'The code is a'), kindSelect),
    h('label', { for: 'direction' }, 'Direction'),
    directionSelect,
    h('label', { for: 'max-depth' }, 'Production steps at most'),
    h('div', { class: 'row' }, depthInput, h('button', { type: 'submit' }, 'Trace')),
  ),
);
traceForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const code = codeInput.value.trim();
  const depth = depthInput.value ? Number(depthInput.value) : undefined;
  void show({ [kindSelect.value === 'batch' ? 'batch' : 'lot']: code, direction: directionSelect.value as Direction, maxDepth: depth });
});

const supplierLotInput = h('input', { id: 'supplier-lot', name: 'supplierLotCode', required: true, placeholder: 'NM-26-0412', size: 18 });
const supplierResults = h('div', { class: 'results', 'aria-live': 'polite' });
const supplierForm = h(
  'form',
  { 'aria-label': "Find by the supplier's lot code" },
  h(
    'fieldset',
    {},
    h('legend', {}, "Find by the supplier's lot code"),
    h('label', { for: 'supplier-lot' }, "Supplier's lot code"),
    h('div', { class: 'row' }, supplierLotInput, h('button', { type: 'submit' }, 'Find')),
    supplierResults,
  ),
);
supplierForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const { lotsBySupplierLotCode: lots } = await gql<{ lotsBySupplierLotCode: { code: string; productName: string; supplier: { name: string } | null; receivedAt: string | null }[] }>(
      QUERIES.lotsBySupplierLotCode,
      { c: supplierLotInput.value.trim() },
    );
    clear(
      supplierResults,
      lots.length === 0
        ? h('p', { class: 'empty' }, 'No lot was received under that code.')
        : h('ul', {}, lots.map((l) => h('li', {}, lotButton(l.code, 'forward'), ` ${l.productName} from ${l.supplier?.name ?? '?'}, received ${when(l.receivedAt)}`))),
    );
  } catch (err) {
    say((err as Error).message, 'error');
  }
});

const today = new Date().toISOString().slice(0, 10);
const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
const callerCustomer = h('input', { id: 'caller-customer', name: 'customerName', required: true, placeholder: 'CityMart', size: 16 });
const callerProduct = h('input', { id: 'caller-product', name: 'productSku', placeholder: 'FG-COOKIE', size: 12 });
const callerFrom = h('input', { id: 'caller-from', name: 'from', type: 'date', required: true, value: monthAgo });
const callerTo = h('input', { id: 'caller-to', name: 'to', type: 'date', required: true, value: today });
const callerResults = h('div', { class: 'results', 'aria-live': 'polite' });
const callerForm = h(
  'form',
  { 'aria-label': "Find from a caller's description" },
  h(
    'fieldset',
    {},
    h('legend', {}, "Find from a caller's description"),
    h('label', { for: 'caller-customer' }, 'Customer (name or part of it)'),
    callerCustomer,
    h('label', { for: 'caller-product' }, 'Product SKU (if known)'),
    callerProduct,
    h('div', { class: 'row' }, h('label', { for: 'caller-from' }, 'Shipped from'), callerFrom, h('label', { for: 'caller-to' }, 'to'), callerTo),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Find lots')),
    callerResults,
  ),
);
callerForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const { candidateLots } = await gql<{ candidateLots: { score: number; lot: { code: string; productName: string }; customer: { name: string }; lines: { shipment: { id: string; shippedAt: string } }[] }[] }>(
      QUERIES.candidateLots,
      { name: callerCustomer.value.trim(), sku: callerProduct.value.trim() || null, from: `${callerFrom.value}T00:00:00Z`, to: `${callerTo.value}T23:59:59Z` },
    );
    clear(
      callerResults,
      candidateLots.length === 0
        ? h('p', { class: 'empty' }, 'No lot shipped to such a customer around those dates.')
        : h(
            'ul',
            {},
            candidateLots.slice(0, 20).map((c) =>
              h('li', {}, lotButton(c.lot.code, 'backward'), ` ${c.lot.productName} to ${c.customer.name}, shipped ${c.lines.map((l) => `${l.shipment.id} on ${when(l.shipment.shippedAt)}`).join('; ')} (match ${Math.round(c.score * 100)}%)`),
            ),
          ),
    );
  } catch (err) {
    say((err as Error).message, 'error');
  }
});

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

const lotButton = (code: string, direction: Direction) =>
  h('button', { type: 'button', class: 'link', onclick: () => void show({ lot: code, direction }), 'aria-label': `Trace ${code} ${direction}` }, code);

// ---------------------------------------------------------------- the answer
const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
const groupSelect = h('select', { id: 'group', name: 'group' }, h('option', { value: 'none' }, 'Every lot'), h('option', { value: 'product' }, 'Grouped by product'), h('option', { value: 'level' }, 'Grouped by level'));
groupSelect.addEventListener('change', () => {
  if (!current) return;
  current.view.group = groupSelect.value as Grouping;
  setAddress(current.view, true);
  draw();
});
const toolbar = h(
  'div',
  { class: 'toolbar', hidden: true },
  summary,
  h('label', { for: 'group' }, 'Show'),
  groupSelect,
  h('button', { type: 'button', class: 'secondary', onclick: () => exportPng() }, 'Picture (PNG)'),
  h('button', { type: 'button', class: 'secondary', onclick: () => exportLots() }, 'Lots (CSV)'),
  h('button', { type: 'button', class: 'secondary', onclick: () => exportLines() }, 'Shipments (CSV)'),
  h('button', { type: 'button', class: 'secondary', onclick: () => void navigator.clipboard?.writeText(location.href).then(() => say('Link copied.')) }, 'Copy link'),
);
const legend = h(
  'ul',
  { class: 'legend', 'aria-label': 'Legend' },
  h('li', {}, 'Suppliers → received lots → batches → produced lots → shipments → customers'),
  h('li', {}, h('span', { class: 'badge AVAILABLE' }, 'available')),
  h('li', {}, h('span', { class: 'badge ON_HOLD' }, 'ON HOLD'), ' dashed amber'),
  h('li', {}, h('span', { class: 'badge RECALLED' }, 'RECALLED'), ' double red'),
);
const graphBox = h('div', { id: 'graph', role: 'img', 'aria-label': 'The trace as a graph; the lists below hold the same records' });
const details = h('aside', { id: 'details', 'aria-label': 'Details', 'aria-live': 'polite' }, h('p', { class: 'empty' }, 'Click a lot, batch or party in the graph, or a code in the lists, to see its details.'));
const lists = h('section', { class: 'lists', 'aria-label': 'Lists' });

clear($('#app'), h('h1', {}, 'Trace explorer'), h('div', { class: 'finder' }, traceForm, supplierForm, callerForm), toolbar, legend, h('div', { class: 'workspace' }, graphBox, details), lists);

function setAddress(view: View, replace = false) {
  const q = new URLSearchParams();
  if (view.lot) q.set('lot', view.lot);
  if (view.batch) q.set('batch', view.batch);
  q.set('direction', view.direction);
  if (view.maxDepth) q.set('maxDepth', String(view.maxDepth));
  if (view.group) q.set('group', view.group);
  if (params.get('embed') === '1') q.set('embed', '1');
  const url = `/trace?${q}`;
  if (replace) history.replaceState(view, '', url);
  else history.pushState(view, '', url);
}

async function show(view: View, push = true) {
  const field = view.direction === 'forward' ? 'traceForward' : 'traceBackward';
  const startedAt = performance.now();
  say(`Tracing ${view.lot ?? view.batch} ${view.direction}...`);
  let answer: TraceAnswer;
  try {
    answer = (await gql<{ t: TraceAnswer }>(QUERIES[field], { lot: view.lot ?? null, batch: view.batch ?? null, depth: view.maxDepth ?? null })).t;
  } catch (err) {
    say(err instanceof ApiError && err.code === 'NOT_FOUND' ? `Nothing has the code ${view.lot ?? view.batch}.` : (err as Error).message, 'error');
    return;
  }
  graphBox.dataset.queryMs = String(Math.round(performance.now() - startedAt));
  if (!view.group) view.group = answer.lots.length > GROUP_ABOVE ? 'product' : 'none';
  current = { view, answer };
  if (push) setAddress(view);
  codeInput.value = view.lot ?? view.batch ?? '';
  kindSelect.value = view.batch ? 'batch' : 'lot';
  directionSelect.value = view.direction;
  depthInput.value = view.maxDepth ? String(view.maxDepth) : '';
  groupSelect.value = view.group;
  toolbar.hidden = false;
  const held = answer.lots.filter((l) => l.lot.status !== 'AVAILABLE').length;
  summary.textContent =
    `${view.direction === 'forward' ? 'Forward' : 'Backward'} from ${view.lot ? 'lot' : 'batch'} ${view.lot ?? view.batch}: ` +
    `${count(answer.lots.length, 'lot')}, ${count(answer.batches.length, 'batch', 'batches')}, ${count(answer.suppliers.length, 'supplier')}, ${count(answer.customers.length, 'customer')}` +
    (held ? `; ${held} lot(s) on hold or recalled` : '') +
    (answer.truncated ? `; cut at ${view.maxDepth} production steps` : '');
  drawLists(answer);
  draw(startedAt);
}

/** A node's size from its label: the longest line and the number of lines. */
const sizeOf = (label: string) => {
  const lines = label.split('\n');
  return { w: Math.max(48, Math.max(...lines.map((l) => l.length)) * 7 + 18), h: lines.length * 15 + 12 };
};

/**
 * Dagre (layered, with few crossings) up to DAGRE_MAX nodes; above, where dagre's crossing
 * minimisation takes minutes, Cytoscape's own breadth-first layout, which layers the graph by its
 * steps from the suppliers (or the start) and orders each layer by where its neighbours stand.
 */
const DAGRE_MAX = 300;
function layoutFor(graph: Graph): cytoscape.LayoutOptions {
  if (graph.nodes.length <= DAGRE_MAX) {
    return { name: 'dagre', rankDir: 'LR', nodeSep: 10, rankSep: 40, edgeSep: 4, animate: false, fit: true, padding: 16 } as cytoscape.LayoutOptions;
  }
  const targets = new Set(graph.edges.map((e) => e.target));
  return {
    name: 'breadthfirst',
    directed: true,
    direction: 'rightward',
    roots: graph.nodes.filter((n) => !targets.has(n.id)).map((n) => `#${CSS.escape(n.id)}`).join(', '),
    spacingFactor: 1.1,
    avoidOverlap: true,
    fit: true,
    padding: 16,
    animate: false,
  } as unknown as cytoscape.LayoutOptions;
}

/** Draws the current answer; the time from the question to the laid-out picture goes on the graph's box. */
function draw(startedAt = performance.now()) {
  if (!current) return;
  const { view, answer } = current;
  // A large answer drawn lot by lot leaves its shipments to the list: lots link to their customers.
  const shipments = answer.lots.length + answer.batches.length + answer.shipmentLines.length <= DAGRE_MAX || view.group !== 'none';
  const graph: Graph = grouped(traceGraph(answer, { lot: view.lot, batch: view.batch }, { shipments }), view.group ?? 'none', answer);
  cy?.destroy();
  graphBox.removeAttribute('data-rendered-ms');
  const layoutStarted = performance.now();
  cy = cytoscape({
    container: graphBox,
    elements: [
      ...graph.nodes.map((n) => ({ data: { ...n, status: n.status ?? '', start: n.start ? 'yes' : 'no', ...sizeOf(n.label) } })),
      ...graph.edges.map((e) => ({ data: { ...e, label: e.count > 1 ? String(e.count) : '' } })),
    ],
    style: STYLE,
    layout: layoutFor(graph),
    minZoom: 0.05,
    maxZoom: 3,
    textureOnViewport: graph.nodes.length > 500,
    hideEdgesOnViewport: graph.nodes.length > 500,
  });
  graphBox.dataset.layoutMs = String(Math.round(performance.now() - layoutStarted));
  cy.on('tap', 'node', (e) => void showDetails(e.target.data()));
  // For the browser tests and a curious analyst's console.
  (window as unknown as { lotgraphGraph: cytoscape.Core }).lotgraphGraph = cy;
  cy.ready(() => {
    requestAnimationFrame(() => {
      const ms = Math.round(performance.now() - startedAt);
      graphBox.dataset.renderedMs = String(ms);
      graphBox.dataset.nodes = String(graph.nodes.length);
      say(`Drawn: ${graph.nodes.length} nodes in ${ms} ms.`);
    });
  });
}

function drawLists(answer: TraceAnswer) {
  const customers = new Map(answer.customers.map((c) => [c.id, c.name]));
  const lots = [...answer.lots].sort((a, b) => a.depth - b.depth || a.lot.code.localeCompare(b.lot.code));
  clear(
    lists,
    h(
      'div',
      {},
      h('h2', {}, `Lots (${lots.length})`),
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Lot'), h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col' }, 'Steps'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'On hand'))),
        h(
          'tbody',
          {},
          lots.slice(0, 500).map(({ lot, depth }) =>
            h('tr', {}, h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => void showDetails({ kind: 'lot', code: lot.code }) }, lot.code)), h('td', {}, lot.productName), h('td', {}, depth), h('td', {}, h('span', { class: `badge ${lot.status}` }, lot.status.replace('_', ' '))), h('td', {}, qty(lot.onHand))),
          ),
        ),
      ),
      lots.length > 500 ? h('p', { class: 'help' }, `The first 500 of ${lots.length}; the CSV holds them all.`) : null,
    ),
    h(
      'div',
      {},
      h('h2', {}, `Who received it (${answer.customers.length} customers, ${answer.shipmentLines.length} shipment lines)`),
      answer.shipmentLines.length === 0
        ? h('p', { class: 'empty' }, 'No lot of this trace was shipped.')
        : h(
            'table',
            {},
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Customer'), h('th', { scope: 'col' }, 'Shipment'), h('th', { scope: 'col' }, 'Shipped'), h('th', { scope: 'col' }, 'Lot'), h('th', { scope: 'col' }, 'Quantity'))),
            h(
              'tbody',
              {},
              answer.shipmentLines.slice(0, 500).map((l) =>
                h('tr', {}, h('td', {}, customers.get(l.shipment.customer.id) ?? l.shipment.customer.id), h('td', {}, l.shipment.id), h('td', {}, when(l.shipment.shippedAt)), h('td', {}, l.lot.code), h('td', {}, qty(l.quantity))),
              ),
            ),
          ),
    ),
  );
}

// ---------------------------------------------------------------- details and actions
async function showDetails(node: { kind: string; code?: string; id?: string; count?: number }) {
  if (node.count && node.count > 1) {
    clear(details, h('h2', {}, node.id ?? ''), h('p', {}, `A group of ${node.count}. Choose "Every lot" to see each, or use the lists.`));
    return;
  }
  const code = node.code ?? node.id?.split(':').slice(1).join(':');
  try {
    if (node.kind === 'lot') await lotDetails(code!);
    else if (node.kind === 'batch') await batchDetails(code!);
    else if (node.kind === 'supplier' || node.kind === 'customer') await partyDetails(node.kind, code!);
    else clear(details, h('h2', {}, `Shipment ${code}`));
  } catch (err) {
    say((err as Error).message, 'error');
  }
}

const dl = (pairs: [string, unknown][]) => h('dl', {}, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v instanceof Node ? v : String(v))]));

async function lotDetails(code: string) {
  const { lot } = await gql<{ lot: any }>(
    QUERIES.lot,
    { code },
  );
  if (!lot) {
    clear(details, h('p', {}, `Lot ${code} is not visible to this key.`));
    return;
  }
  const actions = h('div', { class: 'actions' });
  actions.append(
    h('button', { type: 'button', class: 'secondary', onclick: () => void show({ lot: code, direction: 'backward' }) }, 'Trace backward from here'),
    h('button', { type: 'button', class: 'secondary', onclick: () => void show({ lot: code, direction: 'forward' }) }, 'Trace forward from here'),
  );
  if (lot.producedBy) {
    const batch = lot.producedBy.code;
    actions.append(h('button', { type: 'button', class: 'secondary', onclick: () => void show({ batch, direction: 'forward' }) }, `Everyone who received batch ${batch}`));
  }
  if (lot.status === 'AVAILABLE' && can(me, 'Mutation.holdLots')) actions.append(h('button', { type: 'button', class: 'danger', onclick: () => askThen(actions, 'Put on hold', (reason, by) => hold(code, reason, by)) }, 'Put on hold'));
  if (lot.status === 'ON_HOLD' && can(me, 'Mutation.releaseLots')) actions.append(h('button', { type: 'button', onclick: () => askThen(actions, 'Release', (reason, by) => release(code, reason, by)) }, 'Release the hold'));
  if (can(me, 'Mutation.runMockRecall')) actions.append(h('button', { type: 'button', onclick: () => askThen(actions, 'Start mock recall', (reason, by) => mockRecall(code, reason, by)) }, 'Start a mock recall'));
  clear(
    details,
    h('h2', {}, `Lot ${lot.code} `, h('span', { class: `badge ${lot.status}` }, lot.status.replace('_', ' '))),
    dl([
      ['Product', `${lot.productName} (${lot.productSku})`],
      ['Quantity', qty(lot.quantity)],
      ['On hand', qty(lot.onHand)],
      ['Traceability lot code', lot.traceabilityLotCode],
      ['Supplier', lot.supplier ? `${lot.supplier.name} (${lot.supplier.id})` : null],
      ["Supplier's lot code", lot.supplierLotCode],
      ['Received', when(lot.receivedAt)],
      ['Received at', lot.receivedAtLocation?.businessName],
      ['Reference document', [lot.referenceDocumentType, lot.referenceDocument].filter(Boolean).join(' ')],
      ['TLC source', lot.tlcSourceLocation?.businessName ?? lot.tlcSourceReference],
      ['Made in batch', lot.producedBy ? `${lot.producedBy.code}, ${when(lot.producedBy.producedAt)}` : null],
      ['Made at', lot.producedBy?.location?.businessName],
    ]),
    lot.holds.length ? h('h3', {}, 'Holds') : null,
    lot.holds.length ? h('ul', {}, lot.holds.map((r: any) => h('li', {}, `${r.action} ${when(r.at)} by ${r.by}: ${r.reason}`))) : null,
    actions,
  );
}

async function batchDetails(code: string) {
  const { batch } = await gql<{ batch: any }>(
    QUERIES.batch,
    { code },
  );
  if (!batch) {
    clear(details, h('p', {}, `Batch ${code} is not visible to this key.`));
    return;
  }
  clear(
    details,
    h('h2', {}, `Batch ${batch.code}`),
    dl([
      ['Produced', when(batch.producedAt)],
      ['At', batch.location?.businessName],
      ['Reference document', batch.referenceDocument],
    ]),
    h('h3', {}, 'Ingredients (inputs)'),
    h('ul', {}, batch.inputs.map((i: any) => h('li', {}, `${i.lot.code} ${i.lot.productName}: ${qty(i.quantity)}`))),
    h('h3', {}, 'Made (outputs)'),
    h('ul', {}, batch.outputs.map((o: any) => h('li', {}, `${o.code} ${o.productName}: ${qty(o.quantity)} `, h('span', { class: `badge ${o.status}` }, o.status.replace('_', ' '))))),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => void show({ batch: code, direction: 'backward' }) }, 'Everything that went in'),
      h('button', { type: 'button', class: 'secondary', onclick: () => void show({ batch: code, direction: 'forward' }) }, 'Everyone who received it'),
    ),
  );
}

async function partyDetails(kind: 'supplier' | 'customer', id: string) {
  const { party } = await gql<{ party: any }>(QUERIES[kind], { id });
  clear(details, h('h2', {}, `${kind === 'supplier' ? 'Supplier' : 'Customer'} ${party?.name ?? id}`), dl([['Id', id], ['Location', party?.location]]));
}

/** A small form under the actions for the reason and who decides, then the action. */
function askThen(actions: HTMLElement, label: string, run: (reason: string, by: string) => Promise<void>) {
  actions.querySelector('form')?.remove();
  const reason = h('input', { id: 'action-reason', required: true, size: 24 });
  const by = h('input', { id: 'action-by', required: true, value: me.name, size: 24 });
  const form = h('form', { 'aria-label': label }, h('label', { for: 'action-reason' }, 'Reason'), reason, h('label', { for: 'action-by' }, 'Decided by'), by, h('div', { class: 'row' }, h('button', { type: 'submit' }, label), h('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, 'Cancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await run(reason.value.trim(), by.value.trim());
      form.remove();
    } catch (err) {
      say((err as Error).message, 'error');
    }
  });
  actions.append(form);
  reason.focus();
}

async function hold(code: string, reason: string, by: string) {
  await gql(QUERIES.holdLots, { i: { lotCodes: [code], reason, by } });
  say(`Lot ${code} is on hold.`);
  if (current) await show(current.view, false);
  await lotDetails(code);
}

async function release(code: string, reason: string, by: string) {
  await gql(QUERIES.releaseLots, { i: { lotCodes: [code], reason, by } });
  say(`Lot ${code} is released.`);
  if (current) await show(current.view, false);
  await lotDetails(code);
}

async function mockRecall(code: string, reason: string, by: string) {
  const recallId = `MOCK-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const { runMockRecall: r } = await gql<{ runMockRecall: { id: string; lotCount: number; customerCount: number; durationMs: number } }>(
    QUERIES.runMockRecall,
    { i: { recallId, reason, by, start: { lotCodes: [code] } } },
  );
  say(`Mock recall ${r.id}: ${r.lotCount} lots, ${r.customerCount} customers, in ${r.durationMs} ms.`);
  const link = h('p', {}, 'Mock recall ', h('a', { href: `/recalls#${encodeURIComponent(r.id)}` }, r.id), ` done: ${r.lotCount} lots, ${r.customerCount} customers, ${r.durationMs} ms. It is on the recall board.`);
  details.append(link);
}

// ---------------------------------------------------------------- exports
const baseName = () => (current ? `trace-${current.view.direction}-${current.view.lot ?? current.view.batch}` : 'trace');

function exportPng() {
  if (!cy) return;
  download(`${baseName()}.png`, 'image/png', cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as unknown as Blob);
}

function exportLots() {
  if (!current) return;
  download(
    `${baseName()}-lots.csv`,
    'text/csv',
    csv(
      ['lot', 'productSku', 'productName', 'steps', 'status', 'quantity', 'unit', 'onHand', 'supplierId'],
      current.answer.lots.map(({ lot, depth }) => [lot.code, lot.productSku, lot.productName, depth, lot.status, lot.quantity.amount, lot.quantity.unit, lot.onHand.amount, lot.supplier?.id]),
    ),
  );
}

function exportLines() {
  if (!current) return;
  const customers = new Map(current.answer.customers.map((c) => [c.id, c.name]));
  download(
    `${baseName()}-shipments.csv`,
    'text/csv',
    csv(
      ['customerId', 'customer', 'shipment', 'shippedAt', 'lot', 'quantity', 'unit'],
      current.answer.shipmentLines.map((l) => [l.shipment.customer.id, customers.get(l.shipment.customer.id), l.shipment.id, l.shipment.shippedAt, l.lot.code, l.quantity.amount, l.quantity.unit]),
    ),
  );
}

// ---------------------------------------------------------------- the graph's look
const STYLE: cytoscape.StylesheetStyle[] = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-valign': 'center',
      'text-halign': 'center',
      'font-size': 12,
      color: '#1b1f24',
      width: 'data(w)',
      height: 'data(h)',
      // Labels too small to read are not drawn (a whole large trace at once).
      'min-zoomed-font-size': 6,
      'border-width': 1,
      'border-color': '#7b8794',
      'background-color': '#ffffff',
      shape: 'round-rectangle',
    } as any,
  },
  { selector: 'node[kind = "supplier"]', style: { shape: 'barrel', 'background-color': '#e7eefc', 'border-color': '#3b5b92' } },
  { selector: 'node[kind = "customer"]', style: { shape: 'barrel', 'background-color': '#efe7fc', 'border-color': '#5b3b92' } },
  { selector: 'node[kind = "batch"]', style: { shape: 'hexagon', 'background-color': '#f1f3f5', 'border-color': '#495057' } },
  { selector: 'node[kind = "shipment"]', style: { shape: 'tag', 'background-color': '#f8f9fa', 'border-color': '#868e96' } },
  { selector: 'node[kind = "lot"][status = "AVAILABLE"]', style: { 'background-color': '#e6f4ea', 'border-color': '#1d6b34' } },
  { selector: 'node[status = "ON_HOLD"]', style: { 'background-color': '#fff1d6', 'border-color': '#8a5300', 'border-width': 4, 'border-style': 'dashed', 'font-weight': 'bold' } },
  { selector: 'node[status = "RECALLED"]', style: { 'background-color': '#ffe3e3', 'border-color': '#a4161a', 'border-width': 6, 'border-style': 'double', 'font-weight': 'bold' } },
  { selector: 'node[start = "yes"]', style: { 'underlay-color': '#0b5cad', 'underlay-opacity': 0.3, 'underlay-padding': 8 } as any },
  { selector: 'node:selected', style: { 'overlay-color': '#f0a500', 'overlay-opacity': 0.3 } as any },
  {
    selector: 'edge',
    style: { width: 1.2, 'line-color': '#8a96a3', 'target-arrow-color': '#8a96a3', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'curve-style': 'straight', label: 'data(label)', 'font-size': 11, color: '#4a5561', 'min-zoomed-font-size': 6 } as any,
  },
];

// ---------------------------------------------------------------- the address
window.addEventListener('popstate', (e) => {
  if (e.state) void show(e.state as View, false);
});
const initial: View = {
  lot: params.get('lot') ?? undefined,
  batch: params.get('batch') ?? undefined,
  direction: params.get('direction') === 'forward' ? 'forward' : 'backward',
  maxDepth: params.get('maxDepth') ? Number(params.get('maxDepth')) : undefined,
  group: (['none', 'product', 'level'] as const).find((g) => g === params.get('group')),
};
if (initial.lot || initial.batch) {
  history.replaceState(initial, '', location.href);
  await show(initial, false);
}
