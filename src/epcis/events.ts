/**
 * lotgraph's records as EPCIS 2.0 events, per the GS1 US recommendations for FSMA 204's CTEs:
 * - a receipt: ObjectEvent OBSERVE, bizStep receiving, the lot in the quantity list, the supplier
 *   as the source's owning party and its site (or the TLC source) as the source location, the
 *   receiving location as read point, business location and destination;
 * - a batch: TransformationEvent, bizStep commissioning, inputs and outputs as quantity lists;
 * - a shipment: ObjectEvent OBSERVE, bizStep shipping, the lines in the quantity list, the
 *   customer as the destination's owning party and its site as the destination location.
 * The reference document is the business transaction. Places, parties and lots are named by their
 * GS1 keys where they have them, else by lotgraph's own URIs under LOTGRAPH_ID_BASE. What the FDA
 * sheet carries and EPCIS has no field for (lotgraph's lot code, the TLC source and its reference)
 * is in the event's `lotgraph:lots` extension (with each lot's product and, for a lot of a product
 * without a GTIN, its supplier lot code), so that capturing the document elsewhere gives the same
 * records.
 */
import { lotIdentifier } from '../gs1/lot-ref.js';
import { ownUri } from '../gs1/own-uri.js';
import { toRec20 } from '../gs1/units.js';
import { bttOf, type JsonObject } from './capture.mapping.js';

/** JSON-LD context of the documents lotgraph writes: the standard's, and lotgraph's extension prefix. */
export const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { lotgraph: 'urn:lotgraph:' }];

export interface LotRef {
  code: string;
  productSku: string;
  productName: string;
  supplierLotCode?: string | null;
  lotNumber?: string | null;
  unit: string;
  countCode?: string | null;
  gtin?: string | null;
}
type Place = { id: string; gln?: string | null } | null;

export interface ReceiptRecord {
  lot: LotRef;
  quantity: number;
  at: string;
  supplier: { id: string; gln?: string | null };
  location: Place;
  tlcSource: Place;
  supplierSite: Place;
  tlcSourceReference: string | null;
  referenceDocument: string | null;
  referenceDocumentType: string | null;
  /** The record's fingerprint: a corrected record under the same code is another event. */
  version: string | null;
  /** Set on a record a correction voided: when, why, and the record that replaced it. */
  voided?: Voided | null;
}

export interface Voided {
  at: string;
  reason: string;
  replacedBy: string | null;
  replacedVersion: string | null;
}
export interface BatchRecord {
  code: string;
  at: string;
  location: Place;
  inputs: { lot: LotRef; quantity: number; unit: string }[];
  outputs: { lot: LotRef; quantity: number; unit: string }[];
  referenceDocument: string | null;
  referenceDocumentType: string | null;
  version: string | null;
  voided?: Voided | null;
}
export interface ShipmentRecord {
  id: string;
  at: string;
  location: Place;
  customer: { id: string; gln?: string | null };
  customerSite: Place;
  lines: { lot: LotRef; quantity: number; unit: string; tlcSource: Place; tlcSourceReference: string | null }[];
  referenceDocument: string | null;
  referenceDocumentType: string | null;
  version: string | null;
  voided?: Voided | null;
}

export class EventWriter {
  constructor(private readonly idBase: string) {}

  /** A record's event id: its kind, code and a short fingerprint of its content (a correction under the same code is another event). */
  private eventId(kind: string, code: string, version: string | null) {
    return `${ownUri(this.idBase, 'event', `${kind}/${code}`)}${version ? `/${version.slice(0, 12)}` : ''}`;
  }

  /** A voided record's error declaration: the correction's time and reason, and the replacing record's event. */
  private declared(kind: string, voided: Voided | null | undefined) {
    if (!voided) return {};
    return {
      errorDeclaration: {
        declarationTime: voided.at,
        reason: 'incorrect_data',
        ...(voided.replacedBy ? { correctiveEventIDs: [this.eventId(kind, voided.replacedBy, voided.replacedVersion)] } : {}),
        'lotgraph:reason': voided.reason,
      },
    };
  }

  place(p: Place): string | null {
    if (!p) return null;
    return p.gln ? `https://id.gs1.org/414/${p.gln}` : ownUri(this.idBase, 'location', p.id);
  }

  party(kind: 'supplier' | 'customer', p: { id: string; gln?: string | null }): string {
    return p.gln ? `https://id.gs1.org/417/${p.gln}` : ownUri(this.idBase, kind, p.id);
  }

  lotClass(lot: Pick<LotRef, 'code' | 'supplierLotCode' | 'lotNumber' | 'gtin'>): string {
    return lotIdentifier(this.idBase, lot, lot.gtin);
  }

  private quantity(lot: LotRef, amount: number, unit = lot.unit) {
    return { epcClass: this.lotClass(lot), quantity: amount, uom: toRec20(unit, lot.countCode ?? null) };
  }

  /** What an event's lots are in lotgraph: its code and the FSMA KDEs EPCIS has no field for. */
  private lots(entries: { lot: LotRef; tlcSource?: Place; tlcSourceReference?: string | null }[]) {
    return entries.map(({ lot, tlcSource, tlcSourceReference }) => ({
      epcClass: this.lotClass(lot),
      code: lot.code,
      productSku: lot.productSku,
      productName: lot.productName,
      ...(lot.supplierLotCode ? { supplierLotCode: lot.supplierLotCode } : {}),
      ...(tlcSource ? { tlcSourceLocation: this.place(tlcSource) } : {}),
      ...(tlcSourceReference ? { tlcSourceReference } : {}),
    }));
  }

  private transaction(type: string | null, document: string | null, gln: string | null | undefined) {
    if (!document) return {};
    const uri = /^[a-z][a-z0-9+.-]*:/i.test(document) ? document : gln ? `urn:epcglobal:cbv:bt:${gln}:${document}` : ownUri(this.idBase, 'document', document);
    const btt = type ? (bttOf(type) ?? ownUri(this.idBase, 'document-type', type)) : null;
    return { bizTransactionList: [{ ...(btt ? { type: btt } : {}), bizTransaction: uri }] };
  }

  private where(p: Place) {
    const id = this.place(p);
    return id ? { readPoint: { id }, bizLocation: { id } } : {};
  }

  receipt(r: ReceiptRecord): JsonObject {
    const here = this.place(r.location);
    const from = this.place(r.supplierSite ?? r.tlcSource);
    return {
      type: 'ObjectEvent',
      eventID: this.eventId('receipt', r.lot.code, r.version),
      eventTime: r.at,
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      ...this.where(r.location),
      quantityList: [this.quantity(r.lot, r.quantity)],
      sourceList: [{ type: 'owning_party', source: this.party('supplier', r.supplier) }, ...(from ? [{ type: 'location', source: from }] : [])],
      ...(here ? { destinationList: [{ type: 'location', destination: here }] } : {}),
      ...this.transaction(r.referenceDocumentType, r.referenceDocument, r.supplier.gln),
      'lotgraph:lots': this.lots([{ lot: r.lot, tlcSource: r.tlcSource, tlcSourceReference: r.tlcSourceReference }]),
      ...this.declared('receipt', r.voided),
    } as JsonObject;
  }

  batch(b: BatchRecord): JsonObject {
    return {
      type: 'TransformationEvent',
      eventID: this.eventId('batch', b.code, b.version),
      eventTime: b.at,
      eventTimeZoneOffset: '+00:00',
      bizStep: 'commissioning',
      ...this.where(b.location),
      inputQuantityList: b.inputs.map((i) => this.quantity(i.lot, i.quantity, i.unit)),
      outputQuantityList: b.outputs.map((o) => this.quantity(o.lot, o.quantity, o.unit)),
      ...this.transaction(b.referenceDocumentType, b.referenceDocument, b.location?.gln),
      'lotgraph:batchCode': b.code,
      'lotgraph:lots': this.lots(b.outputs),
      ...this.declared('batch', b.voided),
    } as JsonObject;
  }

  shipment(s: ShipmentRecord): JsonObject {
    const from = this.place(s.location);
    const to = this.place(s.customerSite);
    return {
      type: 'ObjectEvent',
      eventID: this.eventId('shipment', s.id, s.version),
      eventTime: s.at,
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      ...this.where(s.location),
      quantityList: s.lines.map((l) => this.quantity(l.lot, l.quantity, l.unit)),
      ...(from ? { sourceList: [{ type: 'location', source: from }] } : {}),
      destinationList: [{ type: 'owning_party', destination: this.party('customer', s.customer) }, ...(to ? [{ type: 'location', destination: to }] : [])],
      ...this.transaction(s.referenceDocumentType, s.referenceDocument, s.location?.gln),
      'lotgraph:shipmentId': s.id,
      'lotgraph:lots': this.lots(s.lines),
      ...this.declared('shipment', s.voided),
    } as JsonObject;
  }
}
