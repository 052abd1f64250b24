/**
 * EPCIS query and export: the events lotgraph knows, as EPCIS 2.0 documents. A captured event
 * answers as it came; lotgraph's own records (made through GraphQL or an import) answer as the
 * events events.ts writes. A partner's key gets only its own: a customer its shipments, a supplier
 * its receipts.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/driver.js';
import { badInput, notFound } from '../errors.js';
import type { ScopeParam } from '../auth/principal.js';
import { lotCodeOf, lotCodesOf } from '../gs1/lot-ref.js';
import { parseGs1 } from '../gs1/identifiers.js';
import type { LocationMapper, ProductMapper } from '../fsma/fsma.mappers.js';
import { trace } from '../trace/trace.service.js';
import type { JsonObject } from './capture.mapping.js';
import { ownId } from '../gs1/own-uri.js';
import { CONTEXT, EventWriter, type BatchRecord, type ReceiptRecord, type ShipmentRecord } from './events.js';
import { canonicalUri } from './hash.js';
import * as queryRepository from './query.repository.js';
import { term } from './vocabulary.js';

export const EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransformationEvent', 'AssociationEvent', 'TransactionEvent'];
const EARLIEST = '0001-01-01T00:00:00Z';
const LATEST = '9999-12-31T23:59:59Z';
export const MAX_PER_PAGE = 1_000;
/** Events an export may hold; a larger one is to be asked a part at a time (a date range, a lot). */
export const MAX_EXPORT_EVENTS = 200_000;

export interface EventQuery {
  eventTypes: string[] | null;
  from: string | null;
  to: string | null;
  bizSteps: string[] | null;
  /** MATCH_epcClass: lots, in either GS1 form or lotgraph's own. */
  epcClasses: string[] | null;
  perPage: number;
  nextPageToken: string | null;
}

const instant = (value: string, field: string) => {
  const t = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(t)) throw badInput(`${field}: "${value}" is not an ISO 8601 date-time such as 2026-03-01T00:00:00Z.`, field);
  return new Date(t).toISOString();
};

/** The REST binding's query parameters (those that matter here), checked. */
export function parseQuery(params: Record<string, string | string[] | undefined>): EventQuery {
  const known = new Set(['eventType', 'GE_eventTime', 'LT_eventTime', 'EQ_bizStep', 'MATCH_epcClass', 'MATCH_anyEPCClass', 'perPage', 'nextPageToken']);
  const unknown = Object.keys(params).filter((k) => !known.has(k));
  if (unknown.length > 0) throw badInput(`lotgraph does not take the query parameter(s) ${unknown.join(', ')}; it takes ${[...known].join(', ')}.`);
  const many = (k: string): string[] | null => {
    const v = params[k];
    if (v === undefined) return null;
    return (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  };
  const one = (k: string): string | null => {
    const v = params[k];
    return v === undefined ? null : Array.isArray(v) ? v[v.length - 1] : v;
  };
  const eventTypes = many('eventType');
  const classes = [...(many('MATCH_epcClass') ?? []), ...(many('MATCH_anyEPCClass') ?? [])];
  const wrong = eventTypes?.find((t) => !EVENT_TYPES.includes(t));
  if (wrong) throw badInput(`eventType: "${wrong}" is not one of ${EVENT_TYPES.join(', ')}.`, 'eventType');
  const perPageText = one('perPage');
  const perPage = perPageText === null ? 100 : Number(perPageText);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) throw badInput(`perPage is a whole number from 1 to ${MAX_PER_PAGE}.`, 'perPage');
  const from = one('GE_eventTime');
  const to = one('LT_eventTime');
  return {
    eventTypes,
    from: from && instant(from, 'GE_eventTime'),
    to: to && instant(to, 'LT_eventTime'),
    bizSteps: many('EQ_bizStep')?.map((b) => term(b, 'BizStep')!) ?? null,
    epcClasses: classes.length > 0 ? classes : null,
    perPage,
    nextPageToken: one('nextPageToken'),
  };
}

/** The lot codes and canonical classes a MATCH_epcClass list names. */
async function lotFilter(db: Db, classes: string[] | null, idBase: string): Promise<{ lotCodes: string[] | null; epcClasses: string[] | null }> {
  if (!classes) return { lotCodes: null, epcClasses: null };
  const lotCodes: string[] = [];
  for (const c of classes) {
    const own = ownId(c, idBase, 'lot');
    if (!own) {
      const parsed = parseGs1(c);
      if (parsed?.id.kind !== 'lgtin') throw badInput(`MATCH_epcClass: ${c} is not a lot; lotgraph matches lots by GTIN and lot number (/01/{gtin}/10/{lot}, urn:epc:class:lgtin:...) or ${idBase}/lot/{code}.`, 'MATCH_epcClass');
    }
    lotCodes.push(...(await lotCodesOf(db, c, 'MATCH_epcClass', idBase)));
  }
  return { lotCodes, epcClasses: classes.map(canonicalUri) };
}

/** A page's cursor, bound to the query it pages (another query's token is refused). */
function token(query: EventQuery, after: { t: string; key: string }): string {
  return Buffer.from(JSON.stringify({ ...after, q: queryDigest(query) })).toString('base64url');
}
function queryDigest({ nextPageToken: _, ...query }: EventQuery) {
  return createHash('sha256').update(JSON.stringify(query)).digest('hex').slice(0, 16);
}
function untoken(query: EventQuery): { t: string; key: string } | null {
  if (!query.nextPageToken) return null;
  try {
    const { t, key, q } = JSON.parse(Buffer.from(query.nextPageToken, 'base64url').toString('utf8'));
    if (typeof t === 'string' && typeof key === 'string' && q === queryDigest(query)) return { t, key };
  } catch {
    /* below */
  }
  throw badInput('nextPageToken does not belong to this query: ask again with the same parameters and the token the last page gave.', 'nextPageToken');
}

/** Turns rows of queryEvents into events. */
function toEvents(rows: queryRepository.EventRow[], writer: EventWriter): JsonObject[] {
  return rows.map((row) => {
    switch (row.kind) {
      case 'captured': {
        // An event whose records were voided (an EPCIS error declaration, or a correction) says so.
        const declared = (row.record as { errorDeclaration?: string | null } | null)?.errorDeclaration;
        const event = JSON.parse(row.body!) as JsonObject;
        return declared ? { ...event, errorDeclaration: JSON.parse(declared) as JsonObject } : event;
      }
      case 'receipt':
        return writer.receipt(row.record as unknown as ReceiptRecord);
      case 'batch':
        return writer.batch(row.record as unknown as BatchRecord);
      case 'shipment':
        return writer.shipment(row.record as unknown as ShipmentRecord);
    }
  });
}

/** One page of events, and the token of the next page (null on the last). */
export async function queryEvents(db: Db, query: EventQuery, { idBase, scope }: { idBase: string; scope: ScopeParam | null }) {
  const after = untoken(query);
  const rows = await queryRepository.queryEvents(db, {
    from: query.from ?? EARLIEST,
    to: query.to ?? LATEST,
    types: query.eventTypes,
    bizSteps: query.bizSteps,
    ...(await lotFilter(db, query.epcClasses, idBase)),
    scope,
    after,
    limit: query.perPage + 1,
  });
  const page = rows.slice(0, query.perPage);
  const last = page.at(-1);
  const next = rows.length > query.perPage && last ? token(query, { t: last.at, key: last.key }) : null;
  return { events: toEvents(page, new EventWriter(idBase)), next };
}

/** An EPCISQueryDocument holding a page of events. */
export const queryDocument = (events: JsonObject[]) => ({
  '@context': CONTEXT,
  type: 'EPCISQueryDocument',
  schemaVersion: '2.0',
  creationDate: new Date().toISOString(),
  epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: events } } },
});

export interface ExportSelection {
  /** Everything a trace from this lot reaches, backward and forward (a code or an identifier). */
  lotCode?: string | null;
  from?: string | null;
  to?: string | null;
}

/** An EPCISDocument of every event a trace from a lot reaches, or of a date range, with the places' and products' master data. */
export async function exportDocument(db: Db, selection: ExportSelection, idBase: string) {
  if (!selection.lotCode && !selection.from && !selection.to) throw badInput('Give lotCode (everything a trace from it reaches), or from and to (a date range).');
  let lotCodes: string[] | null = null;
  let epcClasses: string[] | null = null;
  if (selection.lotCode) {
    const start = await lotCodeOf(db, selection.lotCode, { field: 'lotCode', idBase });
    if (!start) throw notFound('lot', selection.lotCode);
    const codes = new Set<string>();
    for (const direction of ['backward', 'forward'] as const) {
      for (const l of (await trace(db, direction, { lotCode: start })).lots) codes.add(l.code);
    }
    lotCodes = [...codes];
    epcClasses = (await lotClassesOf(db, lotCodes, idBase)).map((l) => l.uri);
  }
  const writer = new EventWriter(idBase);
  const events: JsonObject[] = [];
  let after: { t: string; key: string } | null = null;
  for (;;) {
    const rows: queryRepository.EventRow[] = await queryRepository.queryEvents(db, {
      from: selection.from ? instant(selection.from, 'from') : EARLIEST,
      to: selection.to ? instant(selection.to, 'to') : LATEST,
      types: null, bizSteps: null, lotCodes, epcClasses, scope: null, after, limit: 5_000,
    });
    events.push(...toEvents(rows, writer));
    if (events.length > MAX_EXPORT_EVENTS) throw badInput(`The export holds more than ${MAX_EXPORT_EVENTS.toLocaleString('en-US')} events; ask for a shorter date range.`);
    if (rows.length < 5_000) break;
    after = { t: rows.at(-1)!.at, key: rows.at(-1)!.key };
  }
  return {
    '@context': CONTEXT,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisHeader: { epcisMasterData: { vocabularyList: await vocabularies(db, events, idBase) } },
    epcisBody: { eventList: events },
  };
}

/** Each lot's class (its identifier, canonical), as captured events name it: for matching them, and for partner lineage. */
export async function lotClassesOf(db: Db, codes: readonly string[], idBase: string): Promise<{ code: string; uri: string }[]> {
  const writer = new EventWriter(idBase);
  return (await queryRepository.lotClasses(db, [...codes])).map((r) => ({ code: r.code, uri: canonicalUri(writer.lotClass(r)) }));
}

const MDA = 'urn:epcglobal:cbv:mda#';

/** The master data of the places and products the events name, as EPCIS vocabularies. */
async function vocabularies(db: Db, events: JsonObject[], idBase: string) {
  const glns = new Set<string>();
  const locationIds = new Set<string>();
  const gtins = new Set<string>();
  const visit = (node: unknown) => {
    if (typeof node === 'string') {
      const own = ownId(node, idBase, 'location');
      if (own) locationIds.add(own);
      try {
        const id = parseGs1(node)?.id;
        if (id?.kind === 'sgln') glns.add(id.gln);
        if (id?.kind === 'lgtin') gtins.add(id.gtin);
      } catch {
        /* not a key */
      }
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  events.forEach(visit);
  const { locations, products } = await queryRepository.masterData(db, { glns: [...glns], locationIds: [...locationIds], gtins: [...gtins] });
  const writer = new EventWriter(idBase);
  const attrs = (pairs: [string, unknown][]) => pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([id, attribute]) => ({ id, attribute }));
  const location = (l: LocationMapper) => ({
    id: writer.place(l)!,
    attributes: attrs([
      [`${MDA}name`, l.businessName], [`${MDA}streetAddressOne`, l.street], [`${MDA}city`, l.city], [`${MDA}state`, l.state],
      [`${MDA}postalCode`, l.postalCode], [`${MDA}countryCode`, l.country], ['urn:lotgraph:phone', l.phone],
      ['urn:lotgraph:fdaRegistration', l.fdaRegistration], ['urn:lotgraph:locationId', l.id],
    ]),
  });
  const product = (p: ProductMapper) => ({
    id: `https://id.gs1.org/01/${p.gtin}`,
    attributes: attrs([
      [`${MDA}descriptionShort`, p.name], ['urn:lotgraph:sku', p.sku], ['urn:lotgraph:brand', p.brand], ['urn:lotgraph:commodity', p.commodity],
      ['urn:lotgraph:variety', p.variety], ['urn:lotgraph:packSize', p.packSize], ['urn:lotgraph:packStyle', p.packStyle],
      ['urn:lotgraph:onFoodTraceabilityList', String(p.onFoodTraceabilityList ?? false)],
    ]),
  });
  return [
    { type: 'urn:epcglobal:epcis:vtype:BusinessLocation', vocabularyElementList: locations.map(location) },
    { type: 'urn:epcglobal:epcis:vtype:EPCClass', vocabularyElementList: products.filter((p) => p.gtin).map(product) },
  ];
}
