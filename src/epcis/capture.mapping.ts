/**
 * What a captured EPCIS event means to lotgraph, per the GS1 US "EPCIS Recommendations for FSMA
 * 204 CTEs": given what the database knows of the identifiers a document names (`Known`), each
 * event becomes lotgraph records (as bulk-import events, so that the bulk importer's checks and
 * set-based writes apply) or is kept as it came:
 *
 * - receiving (bizStep receiving at one of our own locations): an ObjectEvent's quantity list, or an
 *   AggregationEvent's child quantity list (a pallet, SSCC, observed on arrival), each element a
 *   received lot. The supplier is the source list's owning (else possessing) party, a `location`
 *   source the TLC source; the business transaction list gives the reference document.
 * - shipping (bizStep shipping at our location): an ObjectEvent on lots (quantity list) or on
 *   pallets (SSCCs in the EPC list) whose contents an earlier packing AggregationEvent (ADD)
 *   declared; the destination list's owning (else possessing) party is the customer.
 * - transformation (a TransformationEvent at our location): inputs consumed, outputs produced.
 * - packing (an AggregationEvent ADD of a pallet, anywhere): the pallet's contents, for shipping.
 * - an event at another company's location is kept as that partner's lineage; any other event
 *   (instance-level EPCs, other business steps) is kept as an observation. Neither moves stock.
 *
 * Places, parties and products known only by GLN or GTIN are created as stubs (FSMA's KDE gap
 * list names them until someone describes them).
 */
import type { BulkEvent } from '../bulk/bulk.service.js';
import type { CorrectedRecordKind } from '../correction/correction.mappers.js';
import { Gs1Error, parseGs1, type Gs1Id } from '../gs1/identifiers.js';
import { fromRec20 } from '../gs1/units.js';
import { ownId } from '../gs1/own-uri.js';
import { fingerprint } from '../validation.js';
import { normalizeReceipt } from '../receiving/receiving.service.js';
import { canonicalUri, eventHash } from './hash.js';
import { term } from './vocabulary.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type Use = 'receipt' | 'shipment' | 'production' | 'packing' | 'partner' | 'observation' | 'declaration';

export interface Problem {
  /** A JSON pointer into the captured document (RFC 6901). */
  pointer: string;
  detail: string;
  /** The contract's code where one fits (NOT_FOUND, ALREADY_EXISTS, BAD_USER_INPUT). */
  code: string;
}

export interface MappedEvent {
  pointer: string;
  /** The event's eventID, or its CBV 2.0 hash where it has none. */
  eventId: string;
  eventHash: string;
  type: string;
  eventTime: string;
  bizStep: string | null;
  action: string | null;
  use: Use;
  /** The GLN of the event's location (bizLocation, else readPoint), where it names one. */
  gln: string | null;
  /** The classes its quantity lists name, canonical. */
  epcClasses: string[];
  /** The records it made: lots (receipt), a batch, a shipment. */
  records: { kind: 'lot' | 'batch' | 'shipment'; code: string }[];
  /** For a packing or a received pallet: the SSCC and what it holds. */
  pallet: { sscc: string; contents: PalletLine[] } | null;
  body: JsonObject;
  /** Captured before (the same event again): nothing of it is written. */
  repeat: boolean;
}

export interface PalletLine {
  epcClass: string;
  quantity: number | null;
  uom: string | null;
}

/** What the database holds of the identifiers a document names. */
export interface Known {
  /** Locations by GLN (own first where several share one), and by id (lotgraph's own URI of a place). */
  locations: Map<string, { id: string; own: boolean }>;
  locationsById: Map<string, { id: string; own: boolean }>;
  products: Map<string, { sku: string; name: string }>;
  suppliers: Map<string, string>;
  customers: Map<string, string>;
  /** Lot codes by "gtin|lot number", and lots by code. */
  lotsByTlc: Map<string, string[]>;
  lots: Map<string, { inputHash: string | null }>;
  /** Pallet contents by SSCC, from packing events captured before. */
  pallets: Map<string, PalletLine[]>;
  /** Events captured before, by their id: their hash, whether an error was declared of them, the current records they made. */
  events: Map<string, { hash: string; declared: boolean; records: { kind: CorrectedRecordKind; id: string }[] }>;
  /** LOTGRAPH_ID_BASE: lotgraph's own URIs of lots, places and parties start with it. */
  idBase: string;
}

/** The identifiers a document names, for the database to be asked about them all at once. */
export interface Wanted {
  glns: Set<string>;
  locationIds: Set<string>;
  gtins: Set<string>;
  tlcs: Set<string>;
  lotCodes: Set<string>;
  ssccs: Set<string>;
  eventIds: Set<string>;
}

export interface Mapping {
  events: MappedEvent[];
  /** The records to write, in document order, each with the pointer of the event it came from. */
  bulk: BulkEvent[];
  bulkPointers: string[];
  /**
   * Error declarations of events captured before: the records each voids, and the declaration
   * (declarationTime, reason, correctiveEventIDs) the event keeps.
   */
  voids: { pointer: string; eventId: string; targets: { kind: CorrectedRecordKind; id: string }[]; declaration: JsonObject }[];
  /** Stubs created: their kind and id. */
  stubs: { kind: 'location' | 'product' | 'supplier' | 'customer'; id: string }[];
  problems: Problem[];
}

const PARTY_TYPES = ['owning_party', 'possessing_party'];
const REFERENCE_TYPES: Record<string, string> = {
  po: 'Purchase order',
  desadv: 'Despatch advice',
  bol: 'Bill of lading',
  inv: 'Invoice',
  recadv: 'Receiving advice',
  prodorder: 'Production order',
  poc: 'Purchase order confirmation',
  rma: 'Return merchandise authorization',
  cert: 'Certificate',
  pedigree: 'Pedigree',
};

/** The reference document type lotgraph records for a CBV business transaction type, and back. */
export const referenceTypeOf = (btt: string | null) => (btt ? (REFERENCE_TYPES[btt] ?? btt) : null);
export const bttOf = (referenceType: string | null) =>
  referenceType ? (Object.entries(REFERENCE_TYPES).find(([, name]) => name === referenceType)?.[0] ?? null) : null;

/** The events of a document (or one event sent alone), each with its JSON pointer. */
export function eventsOf(document: JsonObject): { event: JsonObject; pointer: string }[] {
  if (document.type === 'EPCISDocument') {
    const list = ((document.epcisBody as JsonObject | undefined)?.eventList ?? []) as JsonObject[];
    return list.map((event, i) => ({ event, pointer: `/epcisBody/eventList/${i}` }));
  }
  return [{ event: document, pointer: '' }];
}

const obj = (v: Json | undefined): JsonObject | null => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);
const list = (v: Json | undefined): JsonObject[] => (Array.isArray(v) ? (v.filter((x) => obj(x)) as JsonObject[]) : []);
const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : null);

/** A GS1 identifier, or null (and no throw) where the URI is not one or is broken. */
function gs1(uri: string | null): Gs1Id | null {
  if (!uri) return null;
  try {
    return parseGs1(uri)?.id ?? null;
  } catch {
    return null;
  }
}

/** A place as a document names it: by GLN (an SGLN), or by lotgraph's own URI of a location. */
type PlaceRef = { gln: string } | { id: string };
function placeRef(uri: string | null, idBase: string): PlaceRef | null {
  const id = gs1(uri);
  if (id?.kind === 'sgln') return { gln: id.gln };
  const own = ownId(uri, idBase, 'location');
  return own ? { id: own } : null;
}

/** A party as a document names it: by party GLN (or a place's GLN standing for it), or by lotgraph's own URI. */
function partyRef(uri: string | null, idBase: string, kind: 'supplier' | 'customer'): PlaceRef | null {
  const id = gs1(uri);
  if (id?.kind === 'pgln' || id?.kind === 'sgln') return { gln: id.gln };
  const own = ownId(uri, idBase, kind);
  return own ? { id: own } : null;
}

/** An event's place: its business location, else its read point. */
function eventPlace(event: JsonObject, idBase: string): PlaceRef | null {
  for (const field of ['bizLocation', 'readPoint']) {
    const ref = placeRef(str(obj(event[field])?.id), idBase);
    if (ref) return ref;
  }
  return null;
}

/** lotgraph's extension on events it wrote: each lot's code and the KDEs EPCIS has no field for, by class. */
interface LotNote {
  code?: string;
  productSku?: string;
  productName?: string;
  supplierLotCode?: string;
  tlcSourceLocation?: string;
  tlcSourceReference?: string;
}
function lotNotes(event: JsonObject): Map<string, LotNote> {
  const notes = new Map<string, LotNote>();
  for (const entry of list(event['lotgraph:lots'])) {
    const epcClass = str(entry.epcClass);
    if (!epcClass) continue;
    const text = (k: string) => str(entry[k]) ?? undefined;
    notes.set(epcClass, {
      code: text('code'), productSku: text('productSku'), productName: text('productName'), supplierLotCode: text('supplierLotCode'),
      tlcSourceLocation: text('tlcSourceLocation'), tlcSourceReference: text('tlcSourceReference'),
    });
  }
  return notes;
}

/** Every class an event's quantity lists name, in canonical form (the query's MATCH_epcClass compares these). */
export function epcClassesOf(event: JsonObject): string[] {
  const classes = new Set<string>();
  for (const field of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']) {
    for (const q of list(event[field])) {
      const c = str(q.epcClass);
      if (c) classes.add(canonicalUri(c));
    }
  }
  return [...classes];
}

/** Everything a document names that the database may know. */
export function wanted(documentEvents: { event: JsonObject }[], context: Json, idBase: string): Wanted {
  const w: Wanted = { glns: new Set(), locationIds: new Set(), gtins: new Set(), tlcs: new Set(), lotCodes: new Set(), ssccs: new Set(), eventIds: new Set() };
  // A document names the same places, parties and products event after event: each string is read once.
  const read = new Set<string>();
  const visit = (node: Json) => {
    if (typeof node === 'string') {
      if (read.has(node)) return;
      read.add(node);
      const lot = ownId(node, idBase, 'lot');
      if (lot) w.lotCodes.add(lot);
      const place = ownId(node, idBase, 'location');
      if (place) w.locationIds.add(place);
      if (lot || place) return;
      const id = gs1(node);
      if (id?.kind === 'sgln' || id?.kind === 'pgln') w.glns.add(id.gln);
      if (id?.kind === 'sscc') w.ssccs.add(id.sscc);
      if (id?.kind === 'lgtin') {
        w.gtins.add(id.gtin);
        w.tlcs.add(`${id.gtin}|${id.lot}`);
        w.lotCodes.add(receiptCode(id.gtin, id.lot));
      }
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      Object.values(node).forEach(visit);
      // A lot's code given by lotgraph's extension (a document lotgraph wrote).
      if (typeof node.code === 'string' && typeof node.epcClass === 'string') w.lotCodes.add(node.code);
    }
  };
  for (const { event } of documentEvents) {
    visit(event);
    w.eventIds.add(identity(event, context).eventId);
  }
  return w;
}

const identities = new WeakMap<JsonObject, { eventId: string; eventHash: string }>();

/** An event's id: its eventID, or its CBV 2.0 hash where it has none; and its hash (worked out once per event object). */
export function identity(event: JsonObject, context: Json = null) {
  let known = identities.get(event);
  if (!known) {
    const hash = eventHash(event, context);
    known = { eventId: str(event.eventID) ?? hash, eventHash: hash };
    identities.set(event, known);
  }
  return known;
}

/** The lotgraph code of a received lot of a GTIN and lot number (the first one received; see `receiptCodeFor`). */
export const receiptCode = (gtin: string, lot: string) => `${gtin}-${lot}`;

type Quantity = { amount: number; unit: string; countCode: string | null };

/**
 * Maps every event of a document. Lots the document itself receives or produces are known to the
 * events after them, so a document may receive a lot, use it in a batch and ship the output.
 */
export function mapDocument(document: JsonObject, known: Known): Mapping {
  const context = document['@context'] ?? null;
  const { idBase } = known;
  const out: Mapping = { events: [], bulk: [], bulkPointers: [], voids: [], stubs: [], problems: [] };
  const problem = (pointer: string, detail: string, code = 'BAD_USER_INPUT') => out.problems.push({ pointer, detail, code });
  const seen = new Map<string, string>();
  const lotsByTlc = new Map(known.lotsByTlc);
  const lots = new Map(known.lots);
  const pallets = new Map(known.pallets);
  const stubIds = new Set<string>();

  const stub = (kind: Mapping['stubs'][number]['kind'], id: string, event: BulkEvent, pointer: string) => {
    if (stubIds.has(`${kind}:${id}`)) return;
    stubIds.add(`${kind}:${id}`);
    out.stubs.push({ kind, id });
    out.bulk.push(event);
    out.bulkPointers.push(pointer);
  };
  /** A place's Location id: found by GLN (else a stub), or lotgraph's own id as given (the bulk checks find it). */
  const locationOf = (ref: PlaceRef, pointer: string): string => {
    if ('id' in ref) return ref.id;
    const found = known.locations.get(ref.gln);
    if (found) return found.id;
    const id = `GLN-${ref.gln}`;
    stub('location', id, { type: 'location', id, businessName: `Unknown place, GLN ${ref.gln}`, gln: ref.gln, own: false }, pointer);
    return id;
  };
  const productOf = (gtin: string, pointer: string): { sku: string; name: string } => {
    const found = known.products.get(gtin);
    if (found) return found;
    const sku = `GTIN-${gtin}`;
    const name = `Unknown product, GTIN ${gtin}`;
    stub('product', sku, { type: 'product', sku, name, gtin }, pointer);
    return { sku, name };
  };
  const partyOf = (kind: 'supplier' | 'customer', ref: PlaceRef, pointer: string): string => {
    if ('id' in ref) return ref.id;
    const found = (kind === 'supplier' ? known.suppliers : known.customers).get(ref.gln);
    if (found) return found;
    const id = `GLN-${ref.gln}`;
    stub(kind, id, { type: kind, id, name: `Unknown ${kind}, GLN ${ref.gln}`, gln: ref.gln }, pointer);
    return id;
  };

  /** A quantity element's amount and lotgraph unit. */
  const quantityOf = (q: JsonObject, pointer: string): Quantity | null => {
    if (typeof q.quantity !== 'number') {
      problem(pointer, 'has no quantity: lotgraph records how much of a lot moved (quantity, with uom for a measure).');
      return null;
    }
    const uom = str(q.uom);
    if (!uom) return { amount: q.quantity, unit: 'each', countCode: null };
    try {
      const { unit, countCode } = fromRec20(uom);
      return { amount: q.quantity, unit, countCode };
    } catch (error) {
      problem(`${pointer}/uom`, (error as Error).message);
      return null;
    }
  };

  /** A class that names one lot: a GTIN with a lot number, or lotgraph's own form of a lot. */
  const lotClassOf = (epcClass: string | null, pointer: string): { gtin: string; lot: string } | { code: string } | null => {
    if (!epcClass) return null;
    const code = ownId(epcClass, idBase, 'lot');
    if (code) return { code };
    try {
      const id = parseGs1(epcClass)?.id;
      if (id?.kind === 'lgtin') return { gtin: id.gtin, lot: id.lot };
      problem(pointer, `${epcClass} is not a lot: lotgraph records lots, a GTIN with a lot number (https://id.gs1.org/01/{gtin}/10/{lot} or urn:epc:class:lgtin:...) or ${idBase}/lot/{code}.`);
    } catch (error) {
      problem(pointer, error instanceof Gs1Error ? error.message : String(error));
    }
    return null;
  };

  /** The one lot code a class names, among the database's lots and those of this document so far. */
  const existingLot = (ref: { gtin: string; lot: string } | { code: string }, pointer: string, epcClass: string): string | null => {
    if ('code' in ref) {
      if (!lots.has(ref.code)) problem(pointer, `No lot has the code "${ref.code}" (NOT_FOUND).`, 'NOT_FOUND');
      return lots.has(ref.code) ? ref.code : null;
    }
    const codes = lotsByTlc.get(`${ref.gtin}|${ref.lot}`) ?? [];
    if (codes.length === 1) return codes[0];
    if (codes.length === 0) problem(pointer, `No lot of GTIN ${ref.gtin} has the lot number "${ref.lot}" (${epcClass}): receive or produce it first (NOT_FOUND).`, 'NOT_FOUND');
    else problem(pointer, `${epcClass} names ${codes.length} lots (${codes.slice(0, 5).join(', ')}), received under one lot number; lotgraph cannot tell which one moved.`);
    return null;
  };
  const addLot = (code: string, tlc: string | null) => {
    lots.set(code, { inputHash: null });
    if (tlc) lotsByTlc.set(tlc, [...(lotsByTlc.get(tlc) ?? []), code]);
  };
  const record = (mapped: MappedEvent, event: BulkEvent) => {
    out.bulk.push(event);
    out.bulkPointers.push(mapped.pointer);
  };

  /** The first party of a source or destination list: its owning party, else its possessing party. */
  const partyIn = (entries: JsonObject[], field: 'source' | 'destination', kind: 'supplier' | 'customer'): PlaceRef | null => {
    for (const type of PARTY_TYPES) {
      for (const e of entries) {
        if (term(str(e.type), 'SDT') !== type) continue;
        const ref = partyRef(str(e[field]), idBase, kind);
        if (ref) return ref;
      }
    }
    return null;
  };
  const placeIn = (entries: JsonObject[], field: 'source' | 'destination'): PlaceRef | null => {
    for (const e of entries) {
      if (term(str(e.type), 'SDT') !== 'location') continue;
      const ref = placeRef(str(e[field]), idBase);
      if (ref) return ref;
    }
    return null;
  };
  const reference = (event: JsonObject): { referenceDocumentType: string | null; referenceDocument: string | null } => {
    const first = list(event.bizTransactionList)[0];
    if (!first) return { referenceDocumentType: null, referenceDocument: null };
    const value = str(first.bizTransaction) ?? '';
    const type = str(first.type);
    const cbv = /^urn:epcglobal:cbv:bt:\d{13}:(.+)$/.exec(value);
    return {
      referenceDocumentType: ownId(type, idBase, 'document-type') ?? referenceTypeOf(term(type, 'BTT')),
      referenceDocument: cbv ? cbv[1] : (ownId(value, idBase, 'document') ?? value),
    };
  };

  for (const { event, pointer } of eventsOf(document)) {
    const { eventId, eventHash: hash } = identity(event, context);
    const type = String(event.type);
    const place = eventPlace(event, idBase);
    const mapped: MappedEvent = {
      pointer, eventId, eventHash: hash, type, eventTime: String(event.eventTime), bizStep: term(str(event.bizStep), 'BizStep'),
      action: str(event.action), use: 'observation', gln: place && 'gln' in place ? place.gln : null, epcClasses: epcClassesOf(event),
      records: [], pallet: null, body: event, repeat: false,
    };
    out.events.push(mapped);
    // An error declaration: the event repeated with errorDeclaration (which its hash leaves out). It
    // voids what the event recorded, once; the corrective events are ordinary events.
    const declaration = obj(event.errorDeclaration);
    if (declaration) {
      const target = known.events.get(eventId);
      if (seen.has(eventId)) {
        problem(pointer, `The event ${eventId} is declared wrong in the document that captures it: send the error declaration in a later capture.`);
      } else if (target && !target.declared) {
        mapped.use = 'declaration';
        out.voids.push({ pointer, eventId, targets: target.records, declaration });
        // A voided receipt's code is free again for the corrective events after it.
        for (const t of target.records.filter((r) => r.kind === 'RECEIPT')) {
          lots.delete(t.id);
          for (const [tlc, codes] of lotsByTlc) if (codes.includes(t.id)) lotsByTlc.set(tlc, codes.filter((c) => c !== t.id));
        }
      } else {
        // Declared before (a repeat), or of an event never captured here: kept as it came, voiding nothing.
        mapped.repeat = target?.declared === true;
      }
      seen.set(eventId, hash);
      continue;
    }
    // The same event again (in this document or captured before) is recorded once; the same id with other content is refused.
    const before = seen.get(eventId) ?? known.events.get(eventId)?.hash;
    if (before !== undefined) {
      if (before === hash) mapped.repeat = true;
      else problem(pointer, `The eventID ${eventId} is taken by an event with other content (ALREADY_EXISTS).`, 'ALREADY_EXISTS');
      continue;
    }
    seen.set(eventId, hash);
    const problemsBefore = out.problems.length;

    const location = place ? ('gln' in place ? known.locations.get(place.gln) : known.locationsById.get(place.id)) : undefined;
    const own = location?.own === true;
    const parent = gs1(str(event.parentID));
    if (type === 'AggregationEvent' && parent?.kind === 'sscc' && mapped.action !== 'DELETE') {
      const contents = list(event.childQuantityList).map((q) => ({ epcClass: String(q.epcClass), quantity: typeof q.quantity === 'number' ? q.quantity : null, uom: str(q.uom) }));
      mapped.pallet = { sscc: parent.sscc, contents };
      pallets.set(parent.sscc, contents);
      // Kept as the pallet's packing; a receipt at our place below makes it a receipt as well.
      mapped.use = 'packing';
    }
    if (!own) {
      if (place && mapped.use === 'observation') mapped.use = 'partner';
      continue;
    }
    const sources = list(event.sourceList);
    const destinations = list(event.destinationList);
    const notes = lotNotes(event);
    const { referenceDocumentType, referenceDocument } = reference(event);

    if (mapped.bizStep === 'receiving' && (type === 'ObjectEvent' || type === 'AggregationEvent')) {
      const field = type === 'ObjectEvent' ? 'quantityList' : 'childQuantityList';
      const elements = list(event[field]);
      if (elements.length === 0) continue; // instance-level EPCs only: an observation
      const supplier = partyIn(sources, 'source', 'supplier');
      if (!supplier) {
        problem(`${pointer}/sourceList`, 'A receiving event names its supplier: a sourceList entry of type owning_party (or possessing_party) with the supplier\'s party GLN.');
        continue;
      }
      const supplierId = partyOf('supplier', supplier, pointer);
      // The place it came from stands as the TLC source, unless lotgraph's extension names the TLC source.
      const shippedFrom = placeIn(sources, 'source');
      elements.forEach((q, n) => {
        const at = `${pointer}/${field}/${n}`;
        const epcClass = str(q.epcClass);
        const ref = lotClassOf(epcClass, `${at}/epcClass`);
        const quantity = quantityOf(q, at);
        if (!ref || !quantity) return;
        const noted = notes.get(epcClass!);
        const note = noted ?? {};
        const product = note.productSku ? { sku: note.productSku, name: note.productName ?? note.productSku } : 'gtin' in ref ? productOf(ref.gtin, pointer) : null;
        const supplierLotCode = 'gtin' in ref ? ref.lot : (note.supplierLotCode ?? null);
        if (!product || !supplierLotCode) {
          problem(`${at}/epcClass`, `A received lot is named by its GTIN and the supplier's lot number (/01/{gtin}/10/{lot}); ${epcClass} names a lotgraph lot without its product and supplier lot code.`);
          return;
        }
        // lotgraph's extension, where the event has it, says the TLC source (none when it names none).
        const tlcSource = noted ? (note.tlcSourceLocation ? placeRef(note.tlcSourceLocation, idBase) : null) : shippedFrom;
        const receipt = {
          lotCode: '', productSku: product.sku, productName: product.name, supplierId, supplierLotCode,
          quantity: { amount: quantity.amount, unit: quantity.unit }, countCode: quantity.countCode, receivedAt: mapped.eventTime,
          referenceDocument, referenceDocumentType, receivedAtLocationId: location!.id,
          tlcSourceLocationId: tlcSource ? locationOf(tlcSource, pointer) : null, tlcSourceReference: note.tlcSourceReference ?? null,
        };
        const code =
          note.code ??
          ('gtin' in ref
            ? receiptCodeFor(ref.gtin, ref.lot, eventId, n, (c) => lots.get(c), (c) => {
                try {
                  return normalizeReceipt({ ...receipt, lotCode: c }).inputHash;
                } catch {
                  return null;
                }
              })
            : ref.code);
        addLot(code, 'gtin' in ref ? `${ref.gtin}|${ref.lot}` : null);
        mapped.records.push({ kind: 'lot', code });
        record(mapped, { type: 'receipt', ...receipt, lotCode: code });
      });
      mapped.use = 'receipt';
    } else if (mapped.bizStep === 'shipping' && type === 'ObjectEvent') {
      const lines: { lotCode: string; quantity: { amount: number; unit: string } }[] = [];
      const ship = (q: JsonObject, at: string) => {
        const epcClass = str(q.epcClass);
        const ref = lotClassOf(epcClass, `${at}/epcClass`);
        const quantity = quantityOf(q, at);
        if (!ref || !quantity) return;
        const code = existingLot(ref, `${at}/epcClass`, epcClass!);
        if (code) lines.push({ lotCode: code, quantity: { amount: quantity.amount, unit: quantity.unit } });
      };
      list(event.quantityList).forEach((q, n) => ship(q, `${pointer}/quantityList/${n}`));
      (Array.isArray(event.epcList) ? event.epcList : []).forEach((epc, n) => {
        const id = gs1(str(epc));
        if (id?.kind !== 'sscc') return; // an instance of a product: not a lot
        const contents = pallets.get(id.sscc);
        if (!contents) {
          problem(`${pointer}/epcList/${n}`, `No packing event (AggregationEvent ADD) declared what the pallet ${str(epc)} holds: capture it before the shipment (NOT_FOUND).`, 'NOT_FOUND');
          return;
        }
        contents.forEach((c) => ship({ epcClass: c.epcClass, quantity: c.quantity, uom: c.uom }, `${pointer}/epcList/${n}`));
      });
      if (lines.length === 0 && out.problems.length === problemsBefore) continue;
      const customer = partyIn(destinations, 'destination', 'customer');
      if (!customer) {
        problem(`${pointer}/destinationList`, 'A shipping event names its customer: a destinationList entry of type owning_party (or possessing_party) with the customer\'s party GLN.');
        continue;
      }
      if (out.problems.length > problemsBefore) continue;
      const shipmentId = str(event['lotgraph:shipmentId']) ?? `EPCIS-${shortId(eventId)}`;
      record(mapped, {
        type: 'shipment', shipmentId, customerId: partyOf('customer', customer, pointer), shippedAt: mapped.eventTime,
        referenceDocument, referenceDocumentType, fromLocationId: location!.id, lines,
      });
      mapped.records.push({ kind: 'shipment', code: shipmentId });
      mapped.use = 'shipment';
    } else if (type === 'TransformationEvent') {
      const outputs = list(event.outputQuantityList);
      const inputsList = list(event.inputQuantityList);
      if (outputs.length === 0 || inputsList.length === 0) continue; // instance-level: an observation
      const inputs: { lotCode: string; quantity: { amount: number; unit: string } }[] = [];
      inputsList.forEach((q, n) => {
        const at = `${pointer}/inputQuantityList/${n}`;
        const epcClass = str(q.epcClass);
        const ref = lotClassOf(epcClass, `${at}/epcClass`);
        const quantity = quantityOf(q, at);
        const code = ref && existingLot(ref, `${at}/epcClass`, epcClass!);
        if (code && quantity) inputs.push({ lotCode: code, quantity: { amount: quantity.amount, unit: quantity.unit } });
      });
      type Made = { lotCode: string; productSku: string; productName: string; quantity: { amount: number; unit: string }; countCode: string | null; lotNumber: string | null };
      const made: (Made & { tlc: string | null })[] = [];
      outputs.forEach((q, n) => {
        const at = `${pointer}/outputQuantityList/${n}`;
        const epcClass = str(q.epcClass);
        const ref = lotClassOf(epcClass, `${at}/epcClass`);
        const quantity = quantityOf(q, at);
        if (!ref || !quantity) return;
        const note = notes.get(epcClass!) ?? {};
        // Coded as a received lot is ({gtin}-{lot}: lot numbers repeat across products), its lot number kept as its TLC.
        const code = note.code ?? ('gtin' in ref ? receiptCode(ref.gtin, ref.lot) : ref.code);
        const product = note.productSku ? { sku: note.productSku, name: note.productName ?? note.productSku } : 'gtin' in ref ? productOf(ref.gtin, pointer) : null;
        if (!product) {
          problem(`${at}/epcClass`, 'An output is named by its GTIN and lot number (/01/{gtin}/10/{lot}), which tells its product.');
          return;
        }
        made.push({
          lotCode: code, productSku: product.sku, productName: product.name, quantity: { amount: quantity.amount, unit: quantity.unit },
          countCode: quantity.countCode, lotNumber: 'gtin' in ref && ref.lot !== code ? ref.lot : null, tlc: 'gtin' in ref ? `${ref.gtin}|${ref.lot}` : null,
        });
      });
      if (out.problems.length > problemsBefore) continue;
      const batchCode = str(event['lotgraph:batchCode']) ?? str(event.transformationID) ?? `EPCIS-${shortId(eventId)}`;
      record(mapped, {
        type: 'production', batchCode, producedAt: mapped.eventTime, inputs, locationId: location!.id, referenceDocument, referenceDocumentType,
        outputs: made.map(({ tlc: _, ...o }) => o),
      });
      for (const o of made) addLot(o.lotCode, o.tlc);
      mapped.records.push({ kind: 'batch', code: batchCode });
      mapped.use = 'production';
    }
  }
  return out;
}

/** A short, stable name made from an event's id, for records the event does not name. */
export const shortId = (eventId: string) => fingerprint('epcis', eventId).slice(0, 16).toUpperCase();

/**
 * The code of a received lot: `{gtin}-{lot}`, unless another receipt holds it (the same supplier
 * lot delivered twice), then `{gtin}-{lot}-{a hash of the event}`. A receipt written before (a
 * capture cut short and sent again) keeps the code it was written under.
 */
export function receiptCodeFor(
  gtin: string,
  lot: string,
  eventId: string,
  element: number,
  existing: (code: string) => { inputHash: string | null } | undefined,
  hashFor: (code: string) => string | null,
): string {
  const plain = receiptCode(gtin, lot);
  const held = existing(plain);
  if (!held || (held.inputHash !== null && held.inputHash === hashFor(plain))) return plain;
  return `${plain}-${shortId(`${eventId}#${element}`).slice(0, 8)}`;
}
