/**
 * The FDA's electronic sortable spreadsheet (21 CFR 1.1455): a sheet per Critical Tracking Event
 * as the FDA's own template lays them out, one header row, one record a row, ISO dates, quantity
 * and unit in their own columns, every location and product description spread over columns.
 */
import type { Cte } from './fsma.repository.js';

type Place = Record<string, unknown> | null;

const LOCATION_PARTS = ['business name', 'phone', 'street', 'city', 'state', 'postal code', 'country'] as const;
const PRODUCT_PARTS = ['name', 'brand', 'commodity', 'variety', 'pack size', 'pack style'] as const;

const locationColumns = (role: string) => LOCATION_PARTS.map((p) => `${role}: ${p}`);
const productColumns = (role: string) => PRODUCT_PARTS.map((p) => `${role}: ${p}`);

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
/** Quantities stay numbers, so that a spreadsheet sorts and sums them as numbers. */
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const location = (l: Place) =>
  l ? [l.businessName, l.phone, l.street, l.city, l.state, l.postalCode, l.country].map(text) : LOCATION_PARTS.map(() => null);
const product = (p: Place) =>
  p ? [p.name, p.brand, p.commodity, p.variety, p.packSize, p.packStyle].map(text) : PRODUCT_PARTS.map(() => null);
const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/** Required parts of a location description; state is left out (not every country has one). */
const REQUIRED_LOCATION = ['business name', 'phone', 'street', 'city', 'postal code', 'country'];

export interface Sheet {
  cte: Cte;
  name: string;
  columns: string[];
  toRow(record: Record<string, unknown>): (string | number | null)[];
  /** What identifies the record in a KDE gap: a record id and its lot. */
  idOf(record: Record<string, unknown>): { recordId: string; lotCode: string };
  /** Columns the rule requires, each alone or as one of a group (either is enough). */
  required: (string | string[])[];
}

export const SHEETS: Record<Cte, Sheet> = {
  RECEIVING: {
    cte: 'RECEIVING',
    name: 'Receiving',
    columns: [
      'Traceability lot code (TLC)', 'Our lot code', 'Quantity', 'Unit of measure', ...productColumns('Product'),
      ...locationColumns('Immediate previous source'), ...locationColumns('Receiving location'), 'Date received',
      ...locationColumns('TLC source'), 'TLC source reference', 'Reference document type', 'Reference document number',
    ],
    toRow: (r) => [
      text(r.tlc), text(r.lotCode), num(r.quantity), text(r.unit), ...product(r.product as Place),
      ...location((r.previousSource as Place) ?? (r.supplierName ? { businessName: r.supplierName } : null)),
      ...location(r.receivedAt as Place), iso(r.atMs),
      ...location(r.tlcSource as Place), text(r.tlcSourceReference), text(r.referenceDocumentType), text(r.referenceDocument),
    ],
    idOf: (r) => ({ recordId: String(r.lotCode), lotCode: String(r.lotCode) }),
    required: [
      'Traceability lot code (TLC)', 'Quantity', 'Unit of measure', 'Product: name',
      ...REQUIRED_LOCATION.map((p) => `Immediate previous source: ${p}`), ...REQUIRED_LOCATION.map((p) => `Receiving location: ${p}`),
      'Date received', ['TLC source: business name', 'TLC source reference'], 'Reference document type', 'Reference document number',
    ],
  },
  TRANSFORMATION: {
    cte: 'TRANSFORMATION',
    name: 'Transformation',
    columns: [
      'Input TLC', ...productColumns('Input product'), 'Input quantity', 'Input unit of measure',
      'New TLC', ...locationColumns('Transformation location (TLC source)'), 'Date completed',
      ...productColumns('New product'), 'New quantity', 'New unit of measure', 'Reference document type', 'Reference document number', 'Batch',
    ],
    toRow: (r) => [
      text(r.inputTlc), ...product(r.inputProduct as Place), num(r.inputQuantity), text(r.inputUnit),
      text(r.newTlc), ...location(r.location as Place), iso(r.atMs),
      ...product(r.newProduct as Place), num(r.newQuantity), text(r.newUnit), text(r.referenceDocumentType), text(r.referenceDocument), text(r.batchCode),
    ],
    idOf: (r) => ({ recordId: String(r.batchCode), lotCode: String(r.newTlc) }),
    required: [
      'Input TLC', 'Input product: name', 'Input quantity', 'Input unit of measure', 'New TLC',
      ...REQUIRED_LOCATION.map((p) => `Transformation location (TLC source): ${p}`), 'Date completed',
      'New product: name', 'New quantity', 'New unit of measure', 'Reference document type', 'Reference document number',
    ],
  },
  SHIPPING: {
    cte: 'SHIPPING',
    name: 'Shipping',
    columns: [
      'Traceability lot code (TLC)', 'Our lot code', 'Quantity', 'Unit of measure', ...productColumns('Product'),
      ...locationColumns('Immediate subsequent recipient'), ...locationColumns('Shipped from'), 'Date shipped',
      ...locationColumns('TLC source'), 'TLC source reference', 'Reference document type', 'Reference document number', 'Shipment',
    ],
    toRow: (r) => [
      text(r.tlc), text(r.lotCode), num(r.quantity), text(r.unit), ...product(r.product as Place),
      ...location((r.recipient as Place) ?? (r.customerName ? { businessName: r.customerName } : null)),
      ...location(r.shippedFrom as Place), iso(r.atMs),
      ...location(r.tlcSource as Place), text(r.tlcSourceReference), text(r.referenceDocumentType), text(r.referenceDocument), text(r.shipmentId),
    ],
    idOf: (r) => ({ recordId: String(r.shipmentId), lotCode: String(r.lotCode) }),
    required: [
      'Traceability lot code (TLC)', 'Quantity', 'Unit of measure', 'Product: name',
      ...REQUIRED_LOCATION.map((p) => `Immediate subsequent recipient: ${p}`), ...REQUIRED_LOCATION.map((p) => `Shipped from: ${p}`),
      'Date shipped', ['TLC source: business name', 'TLC source reference'], 'Reference document type', 'Reference document number',
    ],
  },
};

/** The required KDEs a row lacks, by column name (a group is named by its columns joined with "or"). */
export function missingKdes(sheet: Sheet, row: (string | number | null)[]): string[] {
  const at = (column: string) => row[sheet.columns.indexOf(column)];
  return sheet.required
    .filter((req) => (Array.isArray(req) ? req.every((c) => at(c) === null) : at(req) === null))
    .map((req) => (Array.isArray(req) ? req.join(' or ') : req));
}

/** The glossary sheet: what the codes and columns used mean. */
export const GLOSSARY: [string, string][] = [
  ['TLC', 'Traceability lot code. For a received lot, the code its supplier assigned (kept as received); for a produced lot, the code lotgraph gave the new lot at transformation.'],
  ['Our lot code', 'The lot code under which lotgraph records the lot.'],
  ['TLC source', 'The place where the TLC was assigned: for a received lot as its receipt names it; for a produced lot, where it was transformed.'],
  ['TLC source reference', 'Instead of a TLC source location: an FDA Food Facility Registration number, a GLN or a web address.'],
  ['g, kg, lb, oz', 'Units of mass: gram, kilogram, pound (0.45359237 kg), ounce (1/16 lb).'],
  ['ml, l', 'Units of volume: millilitre, litre.'],
  ['each', 'A count of units (cases, boxes, bags).'],
  ['Dates', 'ISO 8601 instants in UTC, e.g. 2026-03-01T07:10:00.000Z.'],
  ['Reference document type', 'The kind of document the event was recorded on, e.g. BOL (bill of lading), INV (invoice), DN (delivery note), PO, BATCH (production record).'],
];
