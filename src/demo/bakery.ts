/**
 * The demo data set: a small bakery and the cookie complaint that README.md walks through.
 * Loaded through the same services as the API, so loading it twice changes nothing (every
 * input is the very same, and a repeat is not an error).
 */
import type { Db } from '../db/driver.js';
import { upsertCustomer, upsertSupplier } from '../party/party.service.js';
import { recordProduction, type ProductionInput } from '../production/production.service.js';
import { receiveLot, type ReceiveLotInput } from '../receiving/receiving.service.js';
import { recordShipment, type ShipmentInput } from '../shipping/shipping.service.js';

const suppliers = [
  { id: 'SUP-MILL', name: 'Northfield Mills', location: 'Salina, KS, US' },
  { id: 'SUP-SUGAR', name: 'Prairie Sugar Co.', location: 'Fargo, ND, US' },
  { id: 'SUP-DAIRY', name: 'Green Valley Dairy', location: 'Tillamook, OR, US' },
  { id: 'SUP-EGGS', name: 'Sunrise Egg Farm', location: 'Lancaster, PA, US' },
  { id: 'SUP-COCOA', name: 'Coastal Cocoa Traders', location: 'Oakland, CA, US' },
];

const customers = [
  { id: 'CUST-CITYMART', name: 'CityMart Supermarkets', location: 'Portland, OR, US' },
  { id: 'CUST-CORNER', name: 'Corner Grocery', location: 'Eugene, OR, US' },
  { id: 'CUST-SCHOOLS', name: 'Riverside School District', location: 'Salem, OR, US' },
  { id: 'CUST-CAFE', name: 'Bean There Cafe', location: 'Bend, OR, US' },
];

const q = (amount: number, unit: string) => ({ amount, unit });

const receipts: ReceiveLotInput[] = [
  { lotCode: 'FLOUR-0301', productSku: 'ING-FLOUR-AP', productName: 'All-purpose wheat flour', supplierId: 'SUP-MILL', supplierLotCode: 'NM-26-0456', quantity: q(1000, 'kg'), receivedAt: '2026-03-01T07:10:00Z', referenceDocument: 'BOL-88121' },
  { lotCode: 'FLOUR-0305', productSku: 'ING-FLOUR-AP', productName: 'All-purpose wheat flour', supplierId: 'SUP-MILL', supplierLotCode: 'NM-26-0502', quantity: q(1000, 'kg'), receivedAt: '2026-03-05T07:05:00Z', referenceDocument: 'BOL-88190' },
  { lotCode: 'SUGAR-0301', productSku: 'ING-SUGAR', productName: 'Granulated cane sugar', supplierId: 'SUP-SUGAR', supplierLotCode: 'PS-7781', quantity: q(500, 'kg'), receivedAt: '2026-03-01T08:00:00Z', referenceDocument: 'BOL-4410' },
  { lotCode: 'BUTTER-0302', productSku: 'ING-BUTTER', productName: 'Unsalted butter', supplierId: 'SUP-DAIRY', supplierLotCode: 'GVD-0302-B', quantity: q(400, 'lb'), receivedAt: '2026-03-02T06:30:00Z', referenceDocument: 'DN-2231' },
  { lotCode: 'EGGS-0302', productSku: 'ING-EGGS', productName: 'Liquid whole eggs', supplierId: 'SUP-EGGS', supplierLotCode: 'SEF-11-0302', quantity: q(200, 'l'), receivedAt: '2026-03-02T06:45:00Z', referenceDocument: 'DN-7719' },
  { lotCode: 'CHOC-0228', productSku: 'ING-CHOC-CHIPS', productName: 'Semi-sweet chocolate chips', supplierId: 'SUP-COCOA', supplierLotCode: 'CCT-A-2291', quantity: q(300, 'kg'), receivedAt: '2026-02-28T10:00:00Z', referenceDocument: 'BOL-5520' },
];

const productions: ProductionInput[] = [
  // The mother dough, carried from day to day: each day's batch feeds the next.
  { batchCode: 'B-MOTHER-0301', producedAt: '2026-03-01T05:00:00Z',
    inputs: [{ lotCode: 'FLOUR-0301', quantity: q(20, 'kg') }],
    outputs: [{ lotCode: 'MOTHER-0301', productSku: 'INT-MOTHER', productName: 'Mother dough', quantity: q(36, 'kg') }] },
  { batchCode: 'B-MOTHER-0302', producedAt: '2026-03-02T05:00:00Z',
    inputs: [{ lotCode: 'MOTHER-0301', quantity: q(6, 'kg') }, { lotCode: 'FLOUR-0301', quantity: q(20, 'kg') }],
    outputs: [{ lotCode: 'MOTHER-0302', productSku: 'INT-MOTHER', productName: 'Mother dough', quantity: q(42, 'kg') }] },
  // Cookie dough, then cookies.
  { batchCode: 'B-DOUGH-0302', producedAt: '2026-03-02T09:00:00Z',
    inputs: [
      { lotCode: 'FLOUR-0301', quantity: q(120, 'kg') },
      { lotCode: 'SUGAR-0301', quantity: q(45, 'kg') },
      { lotCode: 'BUTTER-0302', quantity: q(110, 'lb') },
      { lotCode: 'EGGS-0302', quantity: q(18, 'l') },
      { lotCode: 'MOTHER-0302', quantity: q(2, 'kg') },
    ],
    outputs: [{ lotCode: 'DOUGH-0302', productSku: 'INT-COOKIE-DOUGH', productName: 'Cookie dough', quantity: q(230, 'kg') }] },
  { batchCode: 'B-COOKIE-0302', producedAt: '2026-03-02T13:00:00Z',
    inputs: [{ lotCode: 'DOUGH-0302', quantity: q(230, 'kg') }, { lotCode: 'CHOC-0228', quantity: q(40, 'kg') }],
    outputs: [
      { lotCode: 'COOKIE-0302-A', productSku: 'FG-CCC-250', productName: 'Chocolate chip cookies, 250 g box', quantity: q(800, 'each') },
      { lotCode: 'COOKIE-0302-B', productSku: 'FG-CCC-1KG', productName: 'Chocolate chip cookies, 1 kg food-service bag', quantity: q(60, 'each') },
    ] },
  // A later, unrelated run from another flour lot: it must not show up in the complaint's trace.
  { batchCode: 'B-DOUGH-0306', producedAt: '2026-03-06T09:00:00Z',
    inputs: [
      { lotCode: 'FLOUR-0305', quantity: q(120, 'kg') },
      { lotCode: 'SUGAR-0301', quantity: q(45, 'kg') },
      { lotCode: 'BUTTER-0302', quantity: q(110, 'lb') },
      { lotCode: 'EGGS-0302', quantity: q(18, 'l') },
    ],
    outputs: [{ lotCode: 'DOUGH-0306', productSku: 'INT-COOKIE-DOUGH', productName: 'Cookie dough', quantity: q(228, 'kg') }] },
  { batchCode: 'B-COOKIE-0306', producedAt: '2026-03-06T13:00:00Z',
    inputs: [{ lotCode: 'DOUGH-0306', quantity: q(228, 'kg') }, { lotCode: 'CHOC-0228', quantity: q(40, 'kg') }],
    outputs: [{ lotCode: 'COOKIE-0306-A', productSku: 'FG-CCC-250', productName: 'Chocolate chip cookies, 250 g box', quantity: q(790, 'each') }] },
];

const shipments: ShipmentInput[] = [
  { shipmentId: 'SHP-1001', customerId: 'CUST-CITYMART', shippedAt: '2026-03-03T06:00:00Z', referenceDocument: 'INV-1001',
    lines: [{ lotCode: 'COOKIE-0302-A', quantity: q(400, 'each') }] },
  { shipmentId: 'SHP-1002', customerId: 'CUST-CORNER', shippedAt: '2026-03-03T07:30:00Z', referenceDocument: 'INV-1002',
    lines: [{ lotCode: 'COOKIE-0302-A', quantity: q(120, 'each') }] },
  { shipmentId: 'SHP-1003', customerId: 'CUST-SCHOOLS', shippedAt: '2026-03-04T05:45:00Z', referenceDocument: 'INV-1003',
    lines: [{ lotCode: 'COOKIE-0302-B', quantity: q(40, 'each') }] },
  { shipmentId: 'SHP-1004', customerId: 'CUST-CAFE', shippedAt: '2026-03-07T08:00:00Z', referenceDocument: 'INV-1004',
    lines: [{ lotCode: 'COOKIE-0306-A', quantity: q(200, 'each') }] },
];

/**
 * The demo data with every code and id prefixed (the tests use a unique prefix each, so that
 * they share one database without meeting each other's records).
 */
export function bakery(prefix = '') {
  const p = (code: string) => prefix + code;
  return {
    suppliers: suppliers.map((s) => ({ ...s, id: p(s.id) })),
    customers: customers.map((c) => ({ ...c, id: p(c.id) })),
    receipts: receipts.map((r) => ({ ...r, lotCode: p(r.lotCode), supplierId: p(r.supplierId), supplierLotCode: p(r.supplierLotCode) })),
    productions: productions.map((b) => ({
      ...b,
      batchCode: p(b.batchCode),
      inputs: b.inputs.map((i) => ({ ...i, lotCode: p(i.lotCode) })),
      outputs: b.outputs.map((o) => ({ ...o, lotCode: p(o.lotCode) })),
    })),
    shipments: shipments.map((s) => ({
      ...s,
      shipmentId: p(s.shipmentId),
      customerId: p(s.customerId),
      lines: s.lines.map((l) => ({ ...l, lotCode: p(l.lotCode) })),
    })),
  };
}

/** Loads the demo data through the services; safe to run any number of times. */
export async function loadDemo(db: Db, prefix = ''): Promise<string> {
  const data = bakery(prefix);
  for (const s of data.suppliers) await upsertSupplier(db, s);
  for (const c of data.customers) await upsertCustomer(db, c);
  for (const r of data.receipts) await receiveLot(db, r);
  for (const b of data.productions) await recordProduction(db, b);
  for (const s of data.shipments) await recordShipment(db, s);
  return `${data.suppliers.length} suppliers, ${data.customers.length} customers, ${data.receipts.length} received lots, ` +
    `${data.productions.length} batches, ${data.shipments.length} shipments`;
}
