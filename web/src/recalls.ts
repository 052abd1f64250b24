/**
 * The recall board (/recalls): open and closed recalls and mock recalls, each with its scope,
 * reconciliation, per-customer notification status (and, for keys that may, the buttons that
 * move it and close the recall), the durations auditors ask for, and the CSV and printable
 * reports. Pending recalls came from a linked supplier's lotgraph and wait for a quality
 * manager to confirm them; a linked customer's lotgraph is told by itself (its deliveries show).
 * /recalls#ID opens that one.
 */
import { can, gql, type Me } from './api.js';
import { $, clear, h, when } from './dom.js';
import { QUERIES } from './queries.js';
import { say, start } from './shell.js';

type Status = 'PENDING' | 'NOTIFIED' | 'ACKNOWLEDGED';
interface Recall {
  id: string;
  mock: boolean;
  reason: string;
  classification: string | null;
  action: string | null;
  status: 'OPEN' | 'CLOSED' | 'PENDING';
  origin: { company: string; recallId: string } | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  initiatedBy: string;
  initiatedAt: string;
  durationMs: number;
  lotCount: number;
  customerCount: number;
  lineCount: number;
  percentAccountedFor: number;
  closedAt: string | null;
  closedBy: string | null;
  outcome: string | null;
  reportCsvUrl: string;
  reportHtmlUrl: string;
  start: { code: string; productName: string }[];
  notifications: {
    customer: { id: string; name: string };
    status: Status;
    notifiedAt: string | null;
    acknowledgedAt: string | null;
    note: string | null;
    /** Deliveries to the customer's lotgraph, where it is linked. */
    deliveries: { at: string; what: string; detail: string | null }[];
  }[];
  reconciliation: { gaps: { lot: { code: string }; gap: { amount: number; unit: string } }[] };
}

const me: Me = await start({ partners: false });
type Tab = 'pending' | 'open' | 'closed' | 'mock';
let tab: Tab = 'open';
const list = h('div', { id: 'recall-list', 'aria-live': 'polite' });
const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Which recalls' });
const TABS: [Tab, string][] = [
  ['pending', 'Pending recalls (from suppliers)'],
  ['open', 'Open recalls'],
  ['closed', 'Closed recalls'],
  ['mock', 'Mock recalls'],
];
clear($('#app'), h('h1', {}, 'Recall board'), h('p', { class: 'help' }, 'Start a mock recall or a hold from a lot in the ', h('a', { href: '/trace' }, 'trace explorer'), '.'), tabs, list);

function drawTabs() {
  clear(
    tabs,
    TABS.map(([t, label]) => h('button', { type: 'button', 'aria-pressed': String(t === tab), onclick: () => ((tab = t), void load()) }, label)),
  );
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

async function load() {
  drawTabs();
  const variables = tab === 'mock' ? { mock: true, status: null } : { mock: false, status: tab.toUpperCase() };
  try {
    const { recalls } = await gql<{ recalls: Recall[] }>(QUERIES.recalls, variables);
    clear(list, recalls.length === 0 ? h('p', { class: 'empty' }, `No ${TABS.find(([t]) => t === tab)![1].toLowerCase()}.`) : recalls.map(card));
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted) document.getElementById(`recall-${wanted}`)?.scrollIntoView();
  } catch (err) {
    say((err as Error).message, 'error');
  }
}

function card(r: Recall): HTMLElement {
  const notices = r.notifications;
  const done = notices.filter((n) => n.status !== 'PENDING').length;
  const figure = (label: string, value: string) => h('div', {}, h('span', {}, label), h('strong', {}, value));
  const canNotify = can(me, 'Mutation.updateRecallNotification') && r.status === 'OPEN';
  const linked = notices.some((n) => n.deliveries.length > 0);
  const lastDelivery = (n: Recall['notifications'][number]) => {
    const d = n.deliveries[n.deliveries.length - 1];
    return d ? `${d.what} ${when(d.at)}${d.detail && d.what !== 'acknowledged' ? `: ${d.detail}` : ''}` : '';
  };
  const article = h(
    'article',
    { class: 'recall', id: `recall-${r.id}`, 'aria-labelledby': `title-${r.id}` },
    h(
      'header',
      {},
      h('h2', { id: `title-${r.id}` }, r.id),
      h('span', { class: `badge ${r.mock ? 'MOCK' : r.status}` }, r.mock ? 'MOCK' : r.status),
      r.classification ? h('span', {}, r.classification) : null,
      h('span', {}, r.reason),
    ),
    r.origin
      ? h('p', { class: 'origin' }, `Opened by a signed notice from ${r.origin.company}'s lotgraph (their recall ${r.origin.recallId}).`, r.confirmedAt ? ` Confirmed ${when(r.confirmedAt)} by ${r.confirmedBy}.` : ' No lot is held until it is confirmed here.')
      : null,
    h(
      'div',
      { class: 'figures' },
      figure('Started from', r.start.map((l) => `${l.code} (${l.productName})`).join(', ')),
      figure('Lots affected', String(r.lotCount)),
      figure('Customers', String(r.customerCount)),
      figure('Shipment lines', String(r.lineCount)),
      figure('Accounted for', `${r.percentAccountedFor.toFixed(1)} %`),
      figure('Scope computed in', duration(r.durationMs)),
      figure('Initiated', `${when(r.initiatedAt)} by ${r.initiatedBy}`),
      r.closedAt ? figure('Closed', `${when(r.closedAt)} by ${r.closedBy} after ${duration(Date.parse(r.closedAt) - Date.parse(r.initiatedAt))}`) : null,
      !r.mock ? figure('Notified', `${done} of ${notices.length}`) : null,
    ),
    r.reconciliation.gaps.length
      ? h('p', { class: 'error' }, `${r.reconciliation.gaps.length} lot(s) do not reconcile: `, r.reconciliation.gaps.slice(0, 10).map((g) => `${g.lot.code} (${g.gap.amount} ${g.gap.unit})`).join(', '))
      : h('p', {}, 'Every affected lot reconciles.'),
    r.outcome ? h('p', {}, `Outcome: ${r.outcome}`) : null,
    h('p', {}, h('a', { href: r.reportCsvUrl }, 'Report (CSV)'), ' · ', h('a', { href: r.reportHtmlUrl, target: '_blank', rel: 'noopener' }, 'Printable report'), ' · ', h('a', { href: `/trace?lot=${encodeURIComponent(r.start[0]?.code ?? '')}&direction=forward` }, 'Trace it')),
    notices.length && !r.mock
      ? h(
          'table',
          {},
          h('caption', { class: 'visually-hidden' }, `Customer notices of ${r.id}`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Customer'), h('th', { scope: 'col' }, 'Notice'), h('th', { scope: 'col' }, 'Notified'), h('th', { scope: 'col' }, 'Acknowledged'), h('th', { scope: 'col' }, 'Note'), linked ? h('th', { scope: 'col' }, 'Their lotgraph') : null, canNotify ? h('th', { scope: 'col' }, 'Move it') : null)),
          h(
            'tbody',
            {},
            notices.map((n) =>
              h(
                'tr',
                {},
                h('td', {}, n.customer.name),
                h('td', {}, h('span', { class: `badge ${n.status}` }, n.status)),
                h('td', {}, when(n.notifiedAt)),
                h('td', {}, when(n.acknowledgedAt)),
                h('td', {}, n.note ?? ''),
                linked ? h('td', {}, lastDelivery(n)) : null,
                canNotify
                  ? h(
                      'td',
                      {},
                      n.status === 'PENDING' ? h('button', { type: 'button', onclick: () => void notify(r.id, n.customer.id, 'NOTIFIED') }, `Mark ${n.customer.name} notified`) : null,
                      n.status === 'NOTIFIED' ? h('button', { type: 'button', onclick: () => void notify(r.id, n.customer.id, 'ACKNOWLEDGED') }, `Mark ${n.customer.name} acknowledged`) : null,
                    )
                  : null,
              ),
            ),
          ),
        )
      : null,
  );
  if (r.status === 'PENDING' && can(me, 'Mutation.confirmRecall')) {
    const action = h('select', { id: `action-${r.id}` }, h('option', { value: 'HOLD', selected: r.action === 'HOLD' }, 'Put them on hold'), h('option', { value: 'RECALL', selected: r.action !== 'HOLD' }, 'Mark them recalled'));
    const form = h('form', { class: 'row', 'aria-label': `Confirm ${r.id}` }, h('label', { for: `action-${r.id}` }, 'Affected lots with stock'), action, h('button', { type: 'submit', class: 'danger' }, 'Confirm the recall'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const { confirmRecall } = await gql<{ confirmRecall: { changedLots: unknown[] } }>(QUERIES.confirmRecall, { i: { recallId: r.id, by: me.name, action: (action as HTMLSelectElement).value } });
        say(`${r.id} is confirmed: ${confirmRecall.changedLots.length} lot(s) changed.`);
        await load();
      } catch (err) {
        say((err as Error).message, 'error');
      }
    });
    article.append(form);
  }
  if (r.status === 'OPEN' && !r.mock && can(me, 'Mutation.closeRecall')) {
    const outcome = h('input', { id: `outcome-${r.id}`, required: true, size: 40 });
    const form = h('form', { class: 'row', 'aria-label': `Close ${r.id}` }, h('label', { for: `outcome-${r.id}` }, 'Outcome'), outcome, h('button', { type: 'submit', class: 'danger' }, 'Close the recall'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await gql(QUERIES.closeRecall, { i: { recallId: r.id, outcome: outcome.value.trim(), by: me.name } });
        say(`${r.id} is closed.`);
            await load();
      } catch (err) {
        say((err as Error).message, 'error');
      }
    });
    article.append(form);
  }
  return article;
}

async function notify(recallId: string, customerId: string, status: Status) {
  try {
    await gql(QUERIES.updateRecallNotification, { i: { recallId, customerId, status } });
    say(`Notice to ${customerId}: ${status.toLowerCase()}.`);
    await load();
  } catch (err) {
    say((err as Error).message, 'error');
  }
}

// /recalls#ID: open the tab that holds it.
const wanted = decodeURIComponent(location.hash.slice(1));
if (wanted) {
  const { recall } = await gql<{ recall: { mock: boolean; status: string } | null }>(QUERIES.recallKind, { id: wanted }).catch(() => ({ recall: null }));
  if (recall) tab = recall.mock ? 'mock' : (recall.status.toLowerCase() as Tab);
}
await load();
