/**
 * The FDA's electronic sortable spreadsheet (21 CFR 1.1455): a sheet per Critical Tracking Event
 * as the FDA's own template lays them out, one header row, one record a row, ISO dates, quantity
 * and unit in their own columns, every location and product description spread over columns.
 */
import type { LocationMapper, ProductMapper } from './fsma.mappers.js';
import type { Cte } from './fsma.repository.js';

export type Cell = string | number | null;
type Record_ = Record<string, unknown>;

const LOCATION_PARTS = ['business name', 'phone', 'street', 'city', 'state', 'postal code', 'country'] as const;
const PRODUCT_PARTS = ['name', 'brand', 'commodity', 'variety', 'pack size', 'pack style'] as const;

const locationColumns = (role: string) => LOCATION_PARTS.map((p) => `${role}: ${p}`);
const productColumns = (role: string) => PRODUCT_PARTS.map((p) => `${role}: ${p}`);

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
/** Quantities stay numbers, so that a spreadsheet sorts and sums them as numbers. */
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/**
 * Every location and product description spread into its columns, once: the record statements
 * return ids, and a million rows then share a few thousand descriptions.
 */
export interface Dictionary {
  locations: Map<string, Cell[]>;
  products: Map<string, Cell[]>;
  /** SKUs of the products on the Food Traceability List. */
  ftlSkus: string[];
}

export function dictionary(locations: readonly LocationMapper[], products: readonly ProductMapper[]): Dictionary {
  return {
    // A stub (a place or product an EPCIS capture knew only by GLN or GTIN) has no name worth the
    // FDA's sheet: left empty, so that the KDE gap list names it until someone describes it.
    locations: new Map(locations.map((l) => [l.id, [l.stub ? null : l.businessName, l.phone, l.street, l.city, l.state, l.postalCode, l.country].map(text)])),
    products: new Map(products.map((p) => [p.sku, [p.stub ? null : p.name, p.brand, p.commodity, p.variety, p.packSize, p.packStyle].map(text)])),
    ftlSkus: products.filter((p) => p.onFoodTraceabilityList === true).map((p) => p.sku),
  };
}

const NO_LOCATION: Cell[] = LOCATION_PARTS.map(() => null);
const NO_PRODUCT_DETAILS: Cell[] = PRODUCT_PARTS.slice(1).map(() => null);

/** A place's columns; with no description, only a business name if one is known (the party's name). */
const location = (d: Dictionary, id: unknown, fallbackName?: unknown): Cell[] =>
  (typeof id === 'string' ? d.locations.get(id) : undefined) ?? (text(fallbackName) ? [text(fallbackName), ...NO_LOCATION.slice(1)] : NO_LOCATION);
/** A product's columns; with no description, the name the lot was recorded with. */
const product = (d: Dictionary, sku: unknown, name: unknown): Cell[] =>
  (typeof sku === 'string' ? d.products.get(sku) : undefined) ?? [text(name), ...NO_PRODUCT_DETAILS];

/** Required parts of a location description; state is left out (not every country has one). */
const REQUIRED_LOCATION = ['business name', 'phone', 'street', 'city', 'postal code', 'country'];

export interface Sheet {
  cte: Cte;
  name: string;
  columns: string[];
  /** A record of the CTE's statement as a row, one cell per column, descriptions from `d`. */
  toRow(record: Record_, d: Dictionary): Cell[];
  /** What identifies the record in a KDE gap: a record id and its lot. */
  idOf(record: Record_): { recordId: string; lotCode: string };
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
    toRow: (r, d) => [
      text(r.tlc), text(r.lotCode), num(r.quantity), text(r.unit), ...product(d, r.sku, r.productName),
      ...location(d, r.previousSourceId, r.supplierName), ...location(d, r.receivedAtId), iso(r.atMs),
      ...location(d, r.tlcSourceId), text(r.tlcSourceReference), text(r.referenceDocumentType), text(r.referenceDocument),
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
    toRow: (r, d) => [
      text(r.inputTlc), ...product(d, r.inputSku, r.inputProductName), num(r.inputQuantity), text(r.inputUnit),
      text(r.newTlc), ...location(d, r.locationId), iso(r.atMs),
      ...product(d, r.newSku, r.newProductName), num(r.newQuantity), text(r.newUnit), text(r.referenceDocumentType), text(r.referenceDocument),
      text(r.batchCode),
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
    toRow: (r, d) => [
      text(r.tlc), text(r.lotCode), num(r.quantity), text(r.unit), ...product(d, r.sku, r.productName),
      ...location(d, r.recipientId, r.customerName), ...location(d, r.shippedFromId), iso(r.atMs),
      ...location(d, r.tlcSourceId), text(r.tlcSourceReference), text(r.referenceDocumentType), text(r.referenceDocument), text(r.shipmentId),
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
export function missingKdes(sheet: Sheet, row: Cell[]): string[] {
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
