/**
 * The demo data set: a small bakery and the cookie complaint that README.md walks through.
 * Loaded through the same services as the API, so loading it twice changes nothing (every
 * input is the very same, and a repeat is not an error).
 */
import type { Db } from '../db/driver.js';
import { upsertLocation, upsertProduct } from '../fsma/fsma.service.js';
import type { LocationMapper, ProductMapper } from '../fsma/fsma.mappers.js';
import { upsertCustomer, upsertSupplier } from '../party/party.service.js';
import { recordProduction, type ProductionInput } from '../production/production.service.js';
import { receiveLot, type ReceiveLotInput } from '../receiving/receiving.service.js';
import { recordShipment, type ShipmentInput } from '../shipping/shipping.service.js';

// Every place with its FSMA 204 location description: our plant, each supplier's and customer's site.
const locations: LocationMapper[] = [
  { id: 'LOC-PLANT', businessName: 'Hearth & Oven Bakery, Salem plant', phone: '+1 503 555 0100', street: '2200 Mill Creek Rd', city: 'Salem', state: 'OR', postalCode: '97301', country: 'US', fdaRegistration: '11223344556', gln: '0614141000036', own: true },
  { id: 'LOC-MILL', businessName: 'Northfield Mills', phone: '+1 785 555 0142', street: '401 Elevator St', city: 'Salina', state: 'KS', postalCode: '67401', country: 'US', gln: '0614141000012' },
  { id: 'LOC-SUGAR', businessName: 'Prairie Sugar Co.', phone: '+1 701 555 0177', street: '18 Beet Plant Way', city: 'Fargo', state: 'ND', postalCode: '58102', country: 'US' },
  { id: 'LOC-DAIRY', businessName: 'Green Valley Dairy', phone: '+1 503 555 0190', street: '7 Creamery Ln', city: 'Tillamook', state: 'OR', postalCode: '97141', country: 'US' },
  { id: 'LOC-EGGS', businessName: 'Sunrise Egg Farm', phone: '+1 717 555 0123', street: '950 Hen House Rd', city: 'Lancaster', state: 'PA', postalCode: '17601', country: 'US' },
  { id: 'LOC-COCOA', businessName: 'Coastal Cocoa Traders', phone: '+1 510 555 0168', street: '3 Harbor Pier', city: 'Oakland', state: 'CA', postalCode: '94607', country: 'US' },
  { id: 'LOC-CITYMART', businessName: 'CityMart Supermarkets DC', phone: '+1 503 555 0111', street: '12000 NE Airport Way', city: 'Portland', state: 'OR', postalCode: '97220', country: 'US', gln: '0614141000050' },
  { id: 'LOC-CORNER', businessName: 'Corner Grocery', phone: '+1 541 555 0133', street: '88 Willamette St', city: 'Eugene', state: 'OR', postalCode: '97401', country: 'US' },
  { id: 'LOC-SCHOOLS', businessName: 'Riverside School District kitchen', phone: '+1 503 555 0155', street: '1 Education Plaza', city: 'Salem', state: 'OR', postalCode: '97302', country: 'US' },
  { id: 'LOC-CAFE', businessName: 'Bean There Cafe', phone: '+1 541 555 0188', street: '404 Wall St', city: 'Bend', state: 'OR', postalCode: '97701', country: 'US' },
];

// Product descriptions (none of these foods is on the Food Traceability List: liquid eggs are not
// shell eggs, and baked goods are not listed).
const products: ProductMapper[] = [
  { sku: 'ING-FLOUR-AP', name: 'All-purpose wheat flour', gtin: '00614141000012', brand: 'Northfield', commodity: 'Wheat flour', packSize: '1000 kg', packStyle: 'tote' },
  { sku: 'ING-SUGAR', name: 'Granulated cane sugar', brand: 'Prairie', commodity: 'Sugar', packSize: '25 kg', packStyle: 'bag' },
  { sku: 'ING-BUTTER', name: 'Unsalted butter', brand: 'Green Valley', commodity: 'Butter', packSize: '55 lb', packStyle: 'case' },
  { sku: 'ING-EGGS', name: 'Liquid whole eggs', brand: 'Sunrise', commodity: 'Eggs, liquid', variety: 'Pasteurized', packSize: '20 l', packStyle: 'bag-in-box' },
  { sku: 'ING-CHOC-CHIPS', name: 'Semi-sweet chocolate chips', brand: 'Coastal Cocoa', commodity: 'Chocolate', variety: '4000 count', packSize: '25 kg', packStyle: 'case' },
  { sku: 'INT-MOTHER', name: 'Mother dough', commodity: 'Sourdough starter', packSize: 'bulk', packStyle: 'tub' },
  { sku: 'INT-COOKIE-DOUGH', name: 'Cookie dough', commodity: 'Dough', packSize: 'bulk', packStyle: 'tub' },
  { sku: 'FG-CCC-250', name: 'Chocolate chip cookies, 250 g box', gtin: '00614141000029', brand: 'Hearth & Oven', commodity: 'Cookies', variety: 'Chocolate chip', packSize: '250 g', packStyle: 'box' },
  { sku: 'FG-CCC-1KG', name: 'Chocolate chip cookies, 1 kg food-service bag', brand: 'Hearth & Oven', commodity: 'Cookies', variety: 'Chocolate chip', packSize: '1 kg', packStyle: 'bag' },
];

const suppliers = [
  { id: 'SUP-MILL', name: 'Northfield Mills', location: 'Salina, KS, US', locationId: 'LOC-MILL', gln: '0614141000012' },
  { id: 'SUP-SUGAR', name: 'Prairie Sugar Co.', location: 'Fargo, ND, US', locationId: 'LOC-SUGAR' },
  { id: 'SUP-DAIRY', name: 'Green Valley Dairy', location: 'Tillamook, OR, US', locationId: 'LOC-DAIRY' },
  { id: 'SUP-EGGS', name: 'Sunrise Egg Farm', location: 'Lancaster, PA, US', locationId: 'LOC-EGGS' },
  { id: 'SUP-COCOA', name: 'Coastal Cocoa Traders', location: 'Oakland, CA, US', locationId: 'LOC-COCOA' },
];

const customers = [
  { id: 'CUST-CITYMART', name: 'CityMart Supermarkets', location: 'Portland, OR, US', locationId: 'LOC-CITYMART', gln: '0614141000043' },
  { id: 'CUST-CORNER', name: 'Corner Grocery', location: 'Eugene, OR, US', locationId: 'LOC-CORNER' },
  { id: 'CUST-SCHOOLS', name: 'Riverside School District', location: 'Salem, OR, US', locationId: 'LOC-SCHOOLS' },
  { id: 'CUST-CAFE', name: 'Bean There Cafe', location: 'Bend, OR, US', locationId: 'LOC-CAFE' },
];

/** The KDEs every receipt, batch and shipment of the demo carries beyond its core fields. */
const atPlant = { receivedAtLocationId: 'LOC-PLANT' };
const made = (document: string) => ({ locationId: 'LOC-PLANT', referenceDocumentType: 'BATCH', referenceDocument: document });
const shipped = { fromLocationId: 'LOC-PLANT', referenceDocumentType: 'INV' };

const q = (amount: number, unit: string) => ({ amount, unit });

const receipts: ReceiveLotInput[] = [
  { lotCode: 'FLOUR-0301', productSku: 'ING-FLOUR-AP', productName: 'All-purpose wheat flour', supplierId: 'SUP-MILL', supplierLotCode: 'NM-26-0456', quantity: q(1000, 'kg'), receivedAt: '2026-03-01T07:10:00Z', referenceDocument: 'BOL-88121', referenceDocumentType: 'BOL', ...atPlant, tlcSourceLocationId: 'LOC-MILL' },
  { lotCode: 'FLOUR-0305', productSku: 'ING-FLOUR-AP', productName: 'All-purpose wheat flour', supplierId: 'SUP-MILL', supplierLotCode: 'NM-26-0502', quantity: q(1000, 'kg'), receivedAt: '2026-03-05T07:05:00Z', referenceDocument: 'BOL-88190', referenceDocumentType: 'BOL', ...atPlant, tlcSourceLocationId: 'LOC-MILL' },
  { lotCode: 'SUGAR-0301', productSku: 'ING-SUGAR', productName: 'Granulated cane sugar', supplierId: 'SUP-SUGAR', supplierLotCode: 'PS-7781', quantity: q(500, 'kg'), receivedAt: '2026-03-01T08:00:00Z', referenceDocument: 'BOL-4410', referenceDocumentType: 'BOL', ...atPlant, tlcSourceLocationId: 'LOC-SUGAR' },
  { lotCode: 'BUTTER-0302', productSku: 'ING-BUTTER', productName: 'Unsalted butter', supplierId: 'SUP-DAIRY', supplierLotCode: 'GVD-0302-B', quantity: q(400, 'lb'), receivedAt: '2026-03-02T06:30:00Z', referenceDocument: 'DN-2231', referenceDocumentType: 'DN', ...atPlant, tlcSourceLocationId: 'LOC-DAIRY' },
  { lotCode: 'EGGS-0302', productSku: 'ING-EGGS', productName: 'Liquid whole eggs', supplierId: 'SUP-EGGS', supplierLotCode: 'SEF-11-0302', quantity: q(200, 'l'), receivedAt: '2026-03-02T06:45:00Z', referenceDocument: 'DN-7719', referenceDocumentType: 'DN', ...atPlant, tlcSourceReference: 'https://sunrise-eggs.example/packhouse' },
  { lotCode: 'CHOC-0228', productSku: 'ING-CHOC-CHIPS', productName: 'Semi-sweet chocolate chips', supplierId: 'SUP-COCOA', supplierLotCode: 'CCT-A-2291', quantity: q(300, 'kg'), receivedAt: '2026-02-28T10:00:00Z', referenceDocument: 'BOL-5520', referenceDocumentType: 'BOL', ...atPlant, tlcSourceLocationId: 'LOC-COCOA' },
];

const productions: ProductionInput[] = [
  // The mother dough, carried from day to day: each day's batch feeds the next.
  { batchCode: 'B-MOTHER-0301', ...made('BR-0301-1'), producedAt: '2026-03-01T05:00:00Z',
    inputs: [{ lotCode: 'FLOUR-0301', quantity: q(20, 'kg') }],
    outputs: [{ lotCode: 'MOTHER-0301', productSku: 'INT-MOTHER', productName: 'Mother dough', quantity: q(36, 'kg') }] },
  { batchCode: 'B-MOTHER-0302', ...made('BR-0302-1'), producedAt: '2026-03-02T05:00:00Z',
    inputs: [{ lotCode: 'MOTHER-0301', quantity: q(6, 'kg') }, { lotCode: 'FLOUR-0301', quantity: q(20, 'kg') }],
    outputs: [{ lotCode: 'MOTHER-0302', productSku: 'INT-MOTHER', productName: 'Mother dough', quantity: q(42, 'kg') }] },
  // Cookie dough, then cookies.
  { batchCode: 'B-DOUGH-0302', ...made('BR-0302-2'), producedAt: '2026-03-02T09:00:00Z',
    inputs: [
      { lotCode: 'FLOUR-0301', quantity: q(120, 'kg') },
      { lotCode: 'SUGAR-0301', quantity: q(45, 'kg') },
      { lotCode: 'BUTTER-0302', quantity: q(110, 'lb') },
      { lotCode: 'EGGS-0302', quantity: q(18, 'l') },
      { lotCode: 'MOTHER-0302', quantity: q(2, 'kg') },
    ],
    outputs: [{ lotCode: 'DOUGH-0302', productSku: 'INT-COOKIE-DOUGH', productName: 'Cookie dough', quantity: q(230, 'kg') }] },
  { batchCode: 'B-COOKIE-0302', ...made('BR-0302-3'), producedAt: '2026-03-02T13:00:00Z',
    inputs: [{ lotCode: 'DOUGH-0302', quantity: q(230, 'kg') }, { lotCode: 'CHOC-0228', quantity: q(40, 'kg') }],
    outputs: [
      { lotCode: 'COOKIE-0302-A', productSku: 'FG-CCC-250', productName: 'Chocolate chip cookies, 250 g box', quantity: q(800, 'each') },
      { lotCode: 'COOKIE-0302-B', productSku: 'FG-CCC-1KG', productName: 'Chocolate chip cookies, 1 kg food-service bag', quantity: q(60, 'each') },
    ] },
  // A later, unrelated run from another flour lot: it must not show up in the complaint's trace.
  { batchCode: 'B-DOUGH-0306', ...made('BR-0306-1'), producedAt: '2026-03-06T09:00:00Z',
    inputs: [
      { lotCode: 'FLOUR-0305', quantity: q(120, 'kg') },
      { lotCode: 'SUGAR-0301', quantity: q(45, 'kg') },
      { lotCode: 'BUTTER-0302', quantity: q(110, 'lb') },
      { lotCode: 'EGGS-0302', quantity: q(18, 'l') },
    ],
    outputs: [{ lotCode: 'DOUGH-0306', productSku: 'INT-COOKIE-DOUGH', productName: 'Cookie dough', quantity: q(228, 'kg') }] },
  { batchCode: 'B-COOKIE-0306', ...made('BR-0306-2'), producedAt: '2026-03-06T13:00:00Z',
    inputs: [{ lotCode: 'DOUGH-0306', quantity: q(228, 'kg') }, { lotCode: 'CHOC-0228', quantity: q(40, 'kg') }],
    outputs: [{ lotCode: 'COOKIE-0306-A', productSku: 'FG-CCC-250', productName: 'Chocolate chip cookies, 250 g box', quantity: q(790, 'each') }] },
];

const shipments: ShipmentInput[] = [
  { shipmentId: 'SHP-1001', customerId: 'CUST-CITYMART', shippedAt: '2026-03-03T06:00:00Z', referenceDocument: 'INV-1001', ...shipped,
    lines: [{ lotCode: 'COOKIE-0302-A', quantity: q(400, 'each') }] },
  { shipmentId: 'SHP-1002', customerId: 'CUST-CORNER', shippedAt: '2026-03-03T07:30:00Z', referenceDocument: 'INV-1002', ...shipped,
    lines: [{ lotCode: 'COOKIE-0302-A', quantity: q(120, 'each') }] },
  { shipmentId: 'SHP-1003', customerId: 'CUST-SCHOOLS', shippedAt: '2026-03-04T05:45:00Z', referenceDocument: 'INV-1003', ...shipped,
    lines: [{ lotCode: 'COOKIE-0302-B', quantity: q(40, 'each') }] },
  { shipmentId: 'SHP-1004', customerId: 'CUST-CAFE', shippedAt: '2026-03-07T08:00:00Z', referenceDocument: 'INV-1004', ...shipped,
    lines: [{ lotCode: 'COOKIE-0306-A', quantity: q(200, 'each') }] },
];

/**
 * The demo data with every code and id prefixed (the tests use a unique prefix each, so that
 * they share one database without meeting each other's records).
 */
export function bakery(prefix = '') {
  const p = (code: string) => prefix + code;
  const at = (id: string | null | undefined) => (id ? p(id) : id);
  // A GLN names one place or party: a prefixed copy has none (EPCIS capture finds places by GLN).
  const gln = prefix ? { gln: null } : {};
  return {
    locations: locations.map((l) => ({ ...l, id: p(l.id), ...gln })),
    products,
    suppliers: suppliers.map((s) => ({ ...s, id: p(s.id), locationId: at(s.locationId), ...gln })),
    customers: customers.map((c) => ({ ...c, id: p(c.id), locationId: at(c.locationId), ...gln })),
    receipts: receipts.map((r) => ({
      ...r,
      lotCode: p(r.lotCode),
      supplierId: p(r.supplierId),
      supplierLotCode: p(r.supplierLotCode),
      receivedAtLocationId: at(r.receivedAtLocationId),
      tlcSourceLocationId: at(r.tlcSourceLocationId),
    })),
    productions: productions.map((b) => ({
      ...b,
      batchCode: p(b.batchCode),
      locationId: at(b.locationId),
      inputs: b.inputs.map((i) => ({ ...i, lotCode: p(i.lotCode) })),
      outputs: b.outputs.map((o) => ({ ...o, lotCode: p(o.lotCode) })),
    })),
    shipments: shipments.map((s) => ({
      ...s,
      shipmentId: p(s.shipmentId),
      customerId: p(s.customerId),
      fromLocationId: at(s.fromLocationId),
      lines: s.lines.map((l) => ({ ...l, lotCode: p(l.lotCode) })),
    })),
  };
}

/** Loads the demo data through the services; safe to run any number of times. */
export async function loadDemo(db: Db, prefix = ''): Promise<string> {
  const data = bakery(prefix);
  for (const l of data.locations) await upsertLocation(db, l);
  for (const product of data.products) await upsertProduct(db, product);
  for (const s of data.suppliers) await upsertSupplier(db, s);
  for (const c of data.customers) await upsertCustomer(db, c);
  for (const r of data.receipts) await receiveLot(db, r);
  for (const b of data.productions) await recordProduction(db, b);
  for (const s of data.shipments) await recordShipment(db, s);
  return `${data.locations.length} locations, ${data.products.length} products, ${data.suppliers.length} suppliers, ${data.customers.length} customers, ${data.receipts.length} received lots, ` +
    `${data.productions.length} batches, ${data.shipments.length} shipments`;
}
