/**
 * The EPCIS event hash of CBV 2.0 (section 8.9): a fingerprint of what an event says, the same
 * whichever syntax, field order or identifier form wrote it, as ni:///sha-256;{hex}?ver=CBV2.0.
 * lotgraph names an event without an eventID by it, so that capturing it twice records it once.
 *
 * The pre-hash string is "eventType=..." then the standard's fields in its order (lists sorted),
 * then every other field (the business transaction, source and destination lists and user
 * extensions) sorted, as GS1's reference implementation writes it. Values are normalised: times
 * to UTC with milliseconds, CBV terms to their web form, GS1 identifiers to canonical GS1 Digital
 * Links, numbers without trailing zeros, extension names to {namespace}name from the @context.
 * Tested against the reference implementation's published vectors. Not covered: sensor reports'
 * inner order (sensorElementList is hashed as a user field would be).
 */
import { hash } from 'node:crypto';
import { checkDigit } from '../gs1/identifiers.js';
import { isCanonicalInstant } from '../scalars.js';
import { VOCABULARY_OF_FIELD, webTerm } from './vocabulary.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const QUANTITY = ['epcClass', 'quantity', 'uom'];
/** The standard's order: a field, and for a list or object its children's order. */
const ORDER: [string, string[] | null, string | null][] = [
  ['eventTime', null, null],
  ['eventTimeZoneOffset', null, null],
  ['certificationInfo', null, null],
  ['parentID', null, null],
  ['epcList', null, 'epc'],
  ['inputEPCList', null, 'epc'],
  ['childEPCs', null, 'epc'],
  ['quantityList', QUANTITY, 'quantityElement'],
  ['childQuantityList', QUANTITY, 'quantityElement'],
  ['inputQuantityList', QUANTITY, 'quantityElement'],
  ['outputEPCList', null, 'epc'],
  ['outputQuantityList', QUANTITY, 'quantityElement'],
  ['action', null, null],
  ['transformationID', null, null],
  ['bizStep', null, null],
  ['disposition', null, null],
  ['persistentDisposition', ['set', 'unset'], null],
  ['readPoint', ['id'], null],
  ['bizLocation', ['id'], null],
];
const LEFT_OUT = new Set(['@context', 'type', 'eventID', 'recordTime', 'errorDeclaration']);
const IN_ORDER = new Set(ORDER.map(([name]) => name));
const SOURCE_DEST_TYPE = new Set(['type']);

/** A time at UTC with milliseconds (a fourth decimal rounded), as the hash compares them. */
function utc(value: string): string {
  // Most documents write it so already (lotgraph's own do): nothing to work out.
  if (isCanonicalInstant(value)) return value;
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(value.trim());
  if (!m) return value.trim();
  const fraction = Number(`0.${m[2] ?? '0'}`);
  const ms = Math.round(fraction * 1000);
  const t = Date.parse(`${m[1]}${m[3]}`) + ms;
  return Number.isNaN(t) ? value.trim() : new Date(t).toISOString();
}

const number = (v: string) => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v) ? String(Number(v)) : v);

/** A GS1 key from its EPC URN to its Digital Link on id.gs1.org; other URIs as they are. */
export function canonicalUri(value: string): string {
  const v = value.trim();
  const dl = /^https?:\/\/[^/]+(\/(?:01|00|414|417|253|255|8003|8004|8006|8010|8017|8018|401|402)\/.*)$/.exec(v);
  if (dl && !/^https:\/\/ref\.gs1\.org/.test(v)) return `https://id.gs1.org${dl[1]}`;
  const urn = /^urn:epc:(id|class|idpat):([a-z0-9]+):(.+)$/i.exec(v);
  if (!urn) return v;
  const [, , scheme, rest] = urn;
  const f = rest.split('.');
  const withCheck = (body: string) => body + checkDigit(body);
  const unescape = (s: string) => decodeURIComponent(s);
  try {
    switch (scheme.toLowerCase()) {
      case 'sgtin':
      case 'lgtin': {
        const gtin = withCheck(`${f[1][0]}${f[0]}${f[1].slice(1)}`);
        const tail = f.slice(2).join('.');
        if (tail === '*' || tail === '') return `https://id.gs1.org/01/${gtin}`;
        return `https://id.gs1.org/01/${gtin}/${scheme.toLowerCase() === 'sgtin' ? '21' : '10'}/${unescape(tail)}`;
      }
      case 'sscc':
        return `https://id.gs1.org/00/${withCheck(`${f[1][0]}${f[0]}${f[1].slice(1)}`)}`;
      case 'sgln': {
        const gln = withCheck(f[0] + f[1]);
        const ext = f.slice(2).join('.');
        return `https://id.gs1.org/414/${gln}${ext && ext !== '0' ? `/254/${unescape(ext)}` : ''}`;
      }
      case 'pgln':
        return `https://id.gs1.org/417/${withCheck(f[0] + f[1])}`;
      case 'gdti':
        return `https://id.gs1.org/253/${withCheck(f[0] + f[1])}${unescape(f.slice(2).join('.'))}`;
      default:
        return v;
    }
  } catch {
    return v;
  }
}

function value(field: string, raw: Json): string {
  const text = String(raw).trim();
  if (/time/i.test(field) && !/offset/i.test(field)) return utc(text);
  const vocabulary = VOCABULARY_OF_FIELD[field];
  if (vocabulary) return webTerm(text, vocabulary);
  return number(canonicalUri(text));
}

/** A field name: an extension's compact name expanded with the document's @context prefixes. */
function expand(name: string, prefixes: Map<string, string>): string {
  const i = name.indexOf(':');
  if (i <= 0) return name;
  const ns = prefixes.get(name.slice(0, i));
  return ns ? `{${ns}}${name.slice(i + 1)}` : name;
}

/** Anything outside the standard's order: name=value, or name and its children's strings, sorted. */
function generic(name: string, node: Json, prefixes: Map<string, string>): string {
  if (node === null || typeof node !== 'object') return `${expand(name, prefixes)}=${value(name, node)}`;
  if (Array.isArray(node)) {
    // A list of values is that field repeated; a list of objects (the business transaction,
    // source and destination lists) is the list's name and its entries.
    if (node.every((item) => item === null || typeof item !== 'object')) return node.map((item) => `${expand(name, prefixes)}=${value(name, item)}`).sort().join('');
    return expand(name, prefixes) + node.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? pairs(item, prefixes) : generic(name, item, prefixes))).sort().join('');
  }
  return expand(name, prefixes) + Object.entries(node).map(([k, v]) => generic(k, v, prefixes)).sort().join('');
}

/** A type/value entry of a business transaction, source or destination list: type first. */
function pairs(item: JsonObject, prefixes: Map<string, string>): string {
  const entries = Object.entries(item);
  const typed = entries.filter(([k]) => SOURCE_DEST_TYPE.has(k));
  const rest = entries.filter(([k]) => !SOURCE_DEST_TYPE.has(k));
  const typeOf = (v: Json) => {
    const t = String(v).trim();
    if ('bizTransaction' in item) return webTerm(t, 'BTT');
    return webTerm(t, 'SDT');
  };
  return [...typed.map(([k, v]) => `${k}=${typeOf(v)}`), ...rest.map(([k, v]) => generic(k, v, prefixes))].join('');
}

/** The pre-hash string of one event. */
export function preHash(event: JsonObject, context: Json = null): string {
  const prefixes = prefixesOf(context, event['@context'] ?? null);
  let out = `eventType=${event.type}`;
  for (const [name, children, itemName] of ORDER) {
    const node = event[name];
    if (node === undefined || node === null) continue;
    if (Array.isArray(node)) {
      const items = node.map((item) =>
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? `${itemName}${ordered(item, children ?? [], prefixes)}`
          : `${itemName}=${value(itemName ?? name, item)}`,
      );
      if (items.length > 0) out += name + items.sort().join('');
    } else if (typeof node === 'object') {
      const inner = ordered(node, children ?? [], prefixes);
      if (inner) out += name + inner;
    } else {
      out += `${name}=${value(name, node)}`;
    }
  }
  const others = Object.entries(event)
    .filter(([k, v]) => !LEFT_OUT.has(k) && !IN_ORDER.has(k) && v !== null)
    .map(([k, v]) => generic(k, v, prefixes))
    .sort();
  return out + others.join('');
}

/** An object's children in the given order, then its other (extension) children sorted. */
function ordered(node: JsonObject, order: string[], prefixes: Map<string, string>): string {
  const known = order.filter((k) => node[k] !== undefined && node[k] !== null).map((k) => {
    const v = node[k];
    return Array.isArray(v) ? v.map((x) => `${k}=${value(k, x)}`).sort().join('') : `${k}=${value(k, v)}`;
  });
  const extra = Object.entries(node)
    .filter(([k]) => !order.includes(k))
    .map(([k, v]) => generic(k, v, prefixes))
    .sort();
  return known.join('') + extra.join('');
}

function prefixesOf(...contexts: Json[]): Map<string, string> {
  const map = new Map<string, string>();
  const visit = (c: Json) => {
    if (Array.isArray(c)) c.forEach(visit);
    else if (c && typeof c === 'object') for (const [k, v] of Object.entries(c)) if (typeof v === 'string') map.set(k, v);
  };
  contexts.forEach(visit);
  return map;
}

/** The event's hash ID: ni:///sha-256;{hex}?ver=CBV2.0. `context` is the document's @context. */
export function eventHash(event: JsonObject, context: Json = null): string {
  return `ni:///sha-256;${hash('sha256', preHash(event, context), 'hex')}?ver=CBV2.0`;
}
