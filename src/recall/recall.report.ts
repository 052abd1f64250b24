/**
 * The recall report to hand over: CSV (one row per affected shipment line, with the customer
 * and their notification status) and a printable HTML document (scope, customers, quantities,
 * reconciliation, timing). Served at /recalls/{id}/report.csv|html and by `npm run recall-report`.
 */
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/driver.js';
import { notFound } from '../errors.js';
import { shipmentsByIds } from '../shipping/shipping.repository.js';
import { formatQuantity } from '../units.js';
import type { NotificationMapper, RecallMapper, ScopeMapper } from './recall.mappers.js';
import * as recallRepository from './recall.repository.js';
import { computeScope, gapOf, percentOf, reconcile } from './recall.service.js';

export interface RecallReport {
  recall: RecallMapper;
  scope: ScopeMapper;
  notifications: NotificationMapper[];
  referenceDocuments: Map<string, string | null>;
  generatedAt: string;
}

export async function buildReport(db: Db, recallId: string): Promise<RecallReport> {
  return db.read(async (tx) => {
    const [found] = await recallRepository.recallsByIds(tx, [recallId]);
    if (!found) throw notFound('recall', recallId);
    const scope = await computeScope(tx, found.recall.startCodes);
    const notifications = await recallRepository.notificationsByRecallIds(tx, [recallId]);
    const shipments = await shipmentsByIds(tx, [...new Set(scope.lines.map((l) => l.shipmentId))]);
    return {
      recall: found.recall,
      scope,
      notifications,
      referenceDocuments: new Map(shipments.map((s) => [s.id, s.shipment.referenceDocument ?? null])),
      generatedAt: new Date().toISOString(),
    };
  });
}

export const CSV_COLUMNS = [
  'recall_id', 'customer_id', 'customer_name', 'customer_location', 'notification_status',
  'shipment_id', 'shipped_at', 'reference_document', 'lot_code', 'product_sku', 'product_name', 'quantity', 'unit',
] as const;

export function toCsv(report: RecallReport): string {
  const products = new Map(report.scope.lots.map((b) => [b.code, b]));
  const status = new Map(report.notifications.map((n) => [n.customer.id, n.status]));
  const rows = report.scope.lines.map((l) => [
    report.recall.id, l.customer.id, l.customer.name, l.customer.location ?? '', status.get(l.customerId) ?? (report.recall.mock ? 'MOCK' : ''),
    l.shipmentId, l.shippedAt, report.referenceDocuments.get(l.shipmentId) ?? '', l.lotCode,
    products.get(l.lotCode)?.productSku ?? '', products.get(l.lotCode)?.productName ?? '', l.amount, l.unit,
  ]);
  return stringify([[...CSV_COLUMNS], ...rows]);
}

const esc = (v: unknown) =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(headers: string[], rows: unknown[][], numeric: number[] = []): string {
  const cell = (v: unknown, i: number, tag: string) => `<${tag}${numeric.includes(i) ? ' class="n"' : ''}>${esc(v)}</${tag}>`;
  return `<table><thead><tr>${headers.map((h, i) => cell(h, i, 'th')).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, i) => cell(v, i, 'td')).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function toHtml(report: RecallReport): string {
  const { recall, scope } = report;
  const recon = reconcile(scope.lots);
  const status = new Map(report.notifications.map((n) => [n.customer.id, n]));
  const customers = new Map<string, typeof scope.lines>();
  for (const l of scope.lines) customers.set(l.customerId, [...(customers.get(l.customerId) ?? []), l]);
  const title = `${recall.mock ? 'Mock recall' : 'Recall'} ${recall.id}`;
  const q = (base: bigint, unit: string) => formatQuantity(base, unit);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
  body { font: 11pt/1.35 system-ui, sans-serif; margin: 2cm; color: #111; }
  h1 { font-size: 18pt; margin: 0 0 .3em; } h2 { font-size: 13pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; font-size: 9.5pt; }
  th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left; vertical-align: top; }
  th { background: #eee; } .n { text-align: right; } .gap { color: #a00; font-weight: bold; }
  dl { display: grid; grid-template-columns: max-content auto; gap: .15em 1em; } dt { font-weight: bold; }
  @media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
</style></head><body>
<h1>${esc(title)}</h1>
<dl>
  <dt>Reason</dt><dd>${esc(recall.reason)}</dd>
  ${recall.classification ? `<dt>Classification</dt><dd>${esc(recall.classification)}</dd>` : ''}
  <dt>Status</dt><dd>${esc(recall.status)}${recall.outcome ? `: ${esc(recall.outcome)}` : ''}</dd>
  <dt>Initiated</dt><dd>${esc(recall.initiatedAt)} by ${esc(recall.initiatedBy)}</dd>
  ${recall.action ? `<dt>Lots on hand</dt><dd>${recall.action === 'RECALL' ? 'marked RECALLED' : 'put ON HOLD'} (${recall.changedCodes.length} lots)</dd>` : '<dt>Lots on hand</dt><dd>unchanged (mock recall)</dd>'}
  <dt>Timing</dt><dd>scope computed from ${esc(recall.startedAt)} to ${esc(recall.finishedAt)}: ${Number(recall.durationMs)} ms</dd>
  <dt>Starting lots</dt><dd>${esc(scope.startCodes.join(', '))}</dd>
  <dt>Scope</dt><dd>${scope.lots.length} lots, ${customers.size} customers, ${scope.lines.length} shipment lines</dd>
  <dt>Reconciliation</dt><dd>${recon.percentAccountedFor.toFixed(2)}% accounted for; ${recon.gaps.length} lot(s) with a gap</dd>
  <dt>Report generated</dt><dd>${esc(report.generatedAt)}</dd>
</dl>
<h2>Customers to notify</h2>
${table(
  ['Customer', 'Location', 'Notification', 'Shipment', 'Shipped', 'Reference', 'Lot', 'Quantity'],
  [...customers].flatMap(([, lines]) =>
    lines.map((l) => {
      const n = status.get(l.customerId);
      return [l.customer.name, l.customer.location ?? '', n ? `${n.status}${n.notifiedAt ? ` ${n.notifiedAt}` : ''}` : recall.mock ? 'mock' : '', l.shipmentId, l.shippedAt, report.referenceDocuments.get(l.shipmentId) ?? '', l.lotCode, `${l.amount} ${l.unit}`];
    }),
  ),
  [7],
)}
<h2>Affected lots and their balance</h2>
${table(
  ['Lot', 'Product', 'Depth', 'Received or produced', 'Consumed', 'Shipped', 'Adjusted out', 'On hand', 'Accounted for', 'Status'],
  scope.lots.map((b) => [b.code, b.productName, b.depth, q(b.receivedBase, b.unit), q(b.consumedBase, b.unit), q(b.shippedBase, b.unit), q(b.adjustedOutBase, b.unit), q(b.onHandBase, b.unit), `${percentOf(b).toFixed(2)}%`, b.status]),
  [2, 3, 4, 5, 6, 7, 8],
)}
<h2>Reconciliation</h2>
<p>For each lot: received or produced = consumed + shipped + adjusted out + on hand. ${recon.gaps.length === 0 ? 'Every lot reconciles.' : `<span class="gap">${recon.gaps.length} lot(s) do not reconcile:</span>`}</p>
${recon.gaps.length === 0 ? '' : table(['Lot', 'Product', 'Gap', 'Accounted for'], recon.gaps.map((b) => [b.code, b.productName, q(gapOf(b), b.unit), `${percentOf(b).toFixed(2)}%`]), [2, 3])}
<h2>Sources upstream (for root cause)</h2>
<p>${esc(scope.sourceCodes.join(', ') || 'none')}</p>
</body></html>
`;
}
