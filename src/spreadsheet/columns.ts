/**
 * The columns each kind of spreadsheet may have: lotgraph's field, whether it is required, and
 * the headers people write for it. Headers match with case, spacing and punctuation ignored; a
 * mapping (header → field) given with the file wins over the synonyms.
 */
import type { Cell } from './cells.js';
import { text } from './cells.js';

export type Kind = 'receipts' | 'production' | 'shipments' | 'suppliers' | 'customers' | 'locations' | 'products';
export const KINDS: readonly Kind[] = ['receipts', 'production', 'shipments', 'suppliers', 'customers', 'locations', 'products'];
/** The master data: a row per supplier, customer, location or product, written as the upsert mutations write them. */
export const MASTER_KINDS: readonly Kind[] = ['suppliers', 'customers', 'locations', 'products'];

export interface Field {
  name: string;
  required: boolean;
  synonyms: string[];
  /** What the column holds, for templates and messages. */
  help: string;
}

const f = (name: string, required: boolean, help: string, ...synonyms: string[]): Field => ({ name, required, help, synonyms: [name, ...synonyms] });

const QUANTITY = [f('quantity', true, 'the amount, in the unit of the next column', 'qty', 'amount', 'quantity received', 'quantity shipped', 'weight', 'net weight'), f('unit', true, 'kg, g, lb, oz, l, ml, each (or KG, lbs, cs ...)', 'uom', 'units', 'unit of measure', 'measure')];

export const FIELDS: Record<Kind, Field[]> = {
  receipts: [
    f('lotCode', true, "lotgraph's code for the received lot (its traceability lot code)", 'lot', 'lot code', 'lot number', 'lot no', 'lot #', 'tlc', 'traceability lot code', 'our lot', 'internal lot'),
    f('productSku', true, 'the product code', 'sku', 'product sku', 'item', 'item code', 'item number', 'product code'),
    f('productName', true, 'the product description', 'product', 'product name', 'description', 'item description', 'item name'),
    f('supplier', true, "the supplier's id or name", 'supplier id', 'supplier name', 'vendor', 'vendor id', 'vendor name'),
    f('supplierLotCode', true, "the supplier's own lot code", 'supplier lot', 'supplier lot code', 'supplier lot number', 'vendor lot', 'source lot', 'mfg lot'),
    ...QUANTITY,
    f('receivedAt', true, 'when it was received', 'received', 'received at', 'date received', 'receipt date', 'receiving date', 'date'),
    f('referenceDocument', false, 'the bill of lading, invoice or delivery note number', 'reference', 'ref', 'reference document', 'document', 'bol', 'bill of lading', 'po', 'invoice', 'delivery note'),
    f('referenceDocumentType', false, 'BOL, invoice, DN ...', 'reference type', 'document type', 'doc type', 'reference document type'),
    f('receivedAtLocationId', false, 'the id of the location that received it', 'location', 'location id', 'receiving location', 'received at location'),
    f('tlcSourceLocationId', false, 'the id of the location that assigned the traceability lot code', 'tlc source', 'tlc source location'),
    f('tlcSourceReference', false, 'a reference to the traceability lot code source', 'tlc source reference'),
  ],
  production: [
    f('batchCode', true, 'the batch; rows with the same batch code are one batch', 'batch', 'batch code', 'batch number', 'batch no', 'work order', 'production order'),
    f('producedAt', true, 'when the batch was made', 'produced', 'produced at', 'production date', 'date'),
    f('line', true, '"input" for a lot consumed, "output" for a lot produced', 'kind', 'in out', 'direction', 'type', 'line type'),
    f('lotCode', true, 'the lot consumed or produced', 'lot', 'lot code', 'lot number', 'lot no', 'lot #', 'tlc'),
    f('productSku', false, 'the product code (outputs)', 'sku', 'product sku', 'item', 'item code', 'product code'),
    f('productName', false, 'the product description (outputs)', 'product', 'product name', 'description', 'item description'),
    ...QUANTITY,
    f('locationId', false, 'the id of the location where the batch was made', 'location', 'location id', 'plant'),
    f('referenceDocument', false, 'the batch record number', 'reference', 'ref', 'reference document', 'batch record'),
  ],
  suppliers: [
    f('id', true, "lotgraph's id for the supplier", 'supplier id', 'vendor id', 'code', 'supplier code', 'vendor code'),
    f('name', true, 'the supplier\'s name', 'supplier', 'supplier name', 'vendor', 'vendor name', 'company'),
    f('location', false, 'where it is, as text', 'address', 'city'),
    f('locationId', false, 'the id of its Location', 'location id', 'site', 'site id'),
    f('gln', false, 'its GS1 party GLN (13 digits)', 'party gln', 'global location number'),
  ],
  customers: [
    f('id', true, "lotgraph's id for the customer", 'customer id', 'client id', 'code', 'customer code', 'account'),
    f('name', true, 'the customer\'s name', 'customer', 'customer name', 'client', 'company'),
    f('location', false, 'where it is, as text', 'address', 'city'),
    f('locationId', false, 'the id of its Location', 'location id', 'ship to id', 'site', 'site id'),
    f('gln', false, 'its GS1 party GLN (13 digits)', 'party gln', 'global location number'),
  ],
  locations: [
    f('id', true, "lotgraph's id for the place", 'location id', 'site id', 'code'),
    f('businessName', true, 'the business at the place', 'name', 'business', 'business name', 'location name', 'site name'),
    f('phone', false, 'its phone number', 'phone number', 'telephone'),
    f('street', false, 'street address', 'address', 'street address'),
    f('city', false, 'city', 'town'),
    f('state', false, 'state or region', 'region', 'province'),
    f('postalCode', false, 'postal code', 'zip', 'zip code', 'postcode'),
    f('country', false, 'country (ISO code)', 'country code'),
    f('fdaRegistration', false, 'FDA food facility registration number', 'fda registration', 'ffrn'),
    f('gln', false, 'GS1 Global Location Number', 'global location number'),
    f('url', false, 'a web address', 'website', 'web'),
    f('own', false, 'yes for a place of ours', 'own site', 'ours', 'own location'),
  ],
  products: [
    f('sku', true, 'the product code', 'product sku', 'item', 'item code', 'product code', 'code'),
    f('name', true, 'the product description', 'product', 'product name', 'description', 'item description'),
    f('gtin', false, 'the GS1 GTIN (8, 12, 13 or 14 digits)', 'gtin', 'ean', 'upc', 'barcode', 'gtin-14', 'gtin 13'),
    f('brand', false, 'brand name'),
    f('commodity', false, 'the commodity (FSMA 204)', 'category'),
    f('variety', false, 'variety'),
    f('packSize', false, 'pack size', 'pack size', 'size'),
    f('packStyle', false, 'pack style', 'pack style', 'packaging'),
    f('onFoodTraceabilityList', false, 'yes when the FDA Food Traceability List names it', 'ftl', 'food traceability list', 'on ftl'),
  ],
  shipments: [
    f('shipmentId', true, 'the shipment; rows with the same id are one shipment', 'shipment', 'shipment id', 'shipment number', 'order', 'order number', 'delivery', 'delivery number'),
    f('customer', true, "the customer's id or name", 'customer id', 'customer name', 'ship to', 'consignee', 'client'),
    f('shippedAt', true, 'when it left', 'shipped', 'shipped at', 'ship date', 'shipping date', 'date'),
    f('lotCode', true, 'the lot shipped', 'lot', 'lot code', 'lot number', 'lot no', 'lot #', 'tlc'),
    ...QUANTITY,
    f('referenceDocument', false, 'the invoice or bill of lading number', 'reference', 'ref', 'invoice', 'invoice number', 'bol', 'bill of lading'),
  ],
};

/** A mapping that cannot be used: told to the user as a problem of the file. */
export class MappingError extends Error {}

export const normalizeHeader = (h: string) => h.toLowerCase().replace(/#/g, ' no ').replace(/[^a-z0-9]+/g, ' ').trim().replace(/\bnumber\b/g, 'no').replace(/\s+/g, ' ');

export interface Columns {
  /** The spreadsheet row (1-based) that holds the headers. */
  headerRow: number;
  /** Field name → column index. */
  byField: Map<string, number>;
  /** The header text of each column, for messages. */
  headers: string[];
  unknown: string[];
  missing: string[];
}

/**
 * Finds the header row (the first of the first 20 that names at least half the required
 * fields; title rows above it are skipped) and matches its columns to fields.
 */
export function findColumns(kind: Kind, rows: readonly { row: number; cells: Cell[] }[], mapping: Record<string, string> = {}): Columns | null {
  const fields = FIELDS[kind];
  const known = new Map<string, string>();
  for (const field of fields) for (const s of field.synonyms) if (!known.has(normalizeHeader(s))) known.set(normalizeHeader(s), field.name);
  const mapped = new Map(Object.entries(mapping).map(([header, field]) => [normalizeHeader(header), field]));
  for (const field of Object.values(mapping)) {
    if (!fields.some((x) => x.name === field)) throw new MappingError(`The mapping names "${field}", which is not a ${kind} field (${fields.map((x) => x.name).join(', ')}).`);
  }
  const required = fields.filter((x) => x.required).map((x) => x.name);
  for (const [at, { row, cells }] of rows.slice(0, 20).entries()) {
    let headers = cells.map((c) => text(c));
    let headerRow = row;
    // A header drawn over two rows: a cell merged across columns ("Quantity" over amount and
    // unit) with the names of its columns on the row below.
    const below = rows[at + 1];
    // (A title merged across the sheet is one value repeated: not a header.)
    if (below && below.row === row + 1 && new Set(headers.filter(Boolean)).size > 1) {
      const sub = below.cells.map((c) => text(c));
      const spanned = (i: number) => headers[i] === '' || (i > 0 && headers[i] === headers[i - 1]) || (i + 1 < headers.length && headers[i] === headers[i + 1]);
      if (sub.some((h) => h !== '') && sub.every((h, i) => h === '' || spanned(i))) {
        headers = headers.map((h, i) => sub[i] || h);
        headerRow = below.row;
      }
    }
    const byField = new Map<string, number>();
    const unknown: string[] = [];
    headers.forEach((h, i) => {
      if (h === '') return;
      const field = mapped.get(normalizeHeader(h)) ?? known.get(normalizeHeader(h));
      if (field && !byField.has(field)) byField.set(field, i);
      else unknown.push(h);
    });
    if (required.filter((r) => byField.has(r)).length * 2 >= required.length) {
      return { headerRow, byField, headers, unknown, missing: required.filter((r) => !byField.has(r)) };
    }
  }
  return null;
}
