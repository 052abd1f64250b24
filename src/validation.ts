import { hash } from 'node:crypto';
import { badInput } from './errors.js';
import { parseInstant } from './scalars.js';
import { toBase } from './units.js';

/** The longest code or id (lot, batch, shipment, supplier, customer, SKU...). */
export const MAX_CODE_LENGTH = 200;
/** The longest free text (names, reasons, notes, addresses). */
export const MAX_TEXT_LENGTH = 2000;

// Control and format characters (NUL, escape sequences, zero-width and right-to-left marks...),
// lone surrogates and line or paragraph separators: none belongs in a code.
const NOT_IN_CODE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
// Free text may hold tabs and line breaks, but no other control character and no bidirectional
// override or isolate, which make text read otherwise than it is stored.
const NOT_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\p{Cs}]/u;

export type TextKind = 'code' | 'text';

/** Checks a code (printable, at most MAX_CODE_LENGTH) or free text (at most MAX_TEXT_LENGTH). */
export function checkText(value: string, kind: TextKind, field: string): void {
  const max = kind === 'code' ? MAX_CODE_LENGTH : MAX_TEXT_LENGTH;
  if (value.length > max) {
    throw badInput(`${field} is ${value.length} characters long; ${kind === 'code' ? 'a code or id' : 'text'} may have at most ${max}.`, field);
  }
  const bad = (kind === 'code' ? NOT_IN_CODE : NOT_IN_TEXT).exec(value);
  if (bad) {
    const at = bad.index;
    const hex = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw badInput(`${field} holds the character U+${hex} at position ${at + 1}; ${kind === 'code' ? 'codes and ids take printable characters only' : 'text takes no control or direction-changing characters'}.`, field);
  }
}

/** Codes and ids by their field's name: lotCode, supplierLotCode, productSku, customerId, id... */
export const CODE_NAME = /(?:^id|Id|^code|Code|^sku|Sku|^ids|Ids|Codes|Skus)$/;

/**
 * Checks every string in an input by its field's name (codes and ids, or free text), at any
 * depth: for inputs that come without GraphQL's types, as the bulk importer's events do.
 */
export function checkTextFields(value: unknown, path = '', name = ''): void {
  if (typeof value === 'string') checkText(value, CODE_NAME.test(name) ? 'code' : 'text', path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (value[i] !== null && value[i] !== undefined && typeof value[i] !== 'number') checkTextFields(value[i], `${path}[${i}]`, name);
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      // Only strings and what may hold them are looked into (a path is made for those alone).
      if (typeof v === 'string' || (v !== null && typeof v === 'object')) checkTextFields(v, path ? `${path}.${key}` : key, key);
    }
  }
}

/** A required text field: present and not blank. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badInput(`${field} must not be empty.`, field);
  return value;
}

/** An optional text field: absent, null or a string (blank counts as absent). */
export function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badInput(`${field} must be a string.`, field);
  return value.trim() === '' ? null : value;
}

/** An optional true/false field: absent or null gives `fallback`. */
export function optionalBoolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw badInput(`${field} must be true or false.`, field);
  return value;
}

export function requireInstant(value: unknown, field: string): string {
  try {
    return parseInstant(value);
  } catch (error) {
    throw badInput(`${field}: ${(error as Error).message}`, field);
  }
}

export interface ExactQuantity {
  amount: number;
  unit: string;
  /** The amount in the unit's base (nanograms, nanolitres, millionths): exact. */
  base: bigint;
}

export function requireQuantity(value: { amount: number; unit: string } | undefined | null, field: string): ExactQuantity {
  if (!value) throw badInput(`${field} is required.`, field);
  try {
    return { amount: value.amount, unit: value.unit, base: toBase(value.amount, value.unit) };
  } catch (error) {
    throw badInput(`${field}: ${(error as Error).message}`, field);
  }
}

export function requireNonEmptyList<T>(list: readonly T[] | undefined | null, field: string): readonly T[] {
  if (!list || list.length === 0) throw badInput(`${field} must list at least one entry.`, field);
  return list;
}

/** The value with its objects' keys sorted, null and undefined members left out, and bigints as text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    // Plain loops: the bulk importer fingerprints every event, 100,000 of them in a spreadsheet.
    const keys = Object.keys(value).sort();
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined && v !== null) out[k] = canonical(v);
    }
    return out;
  }
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * A fingerprint of a mutation's normalized input, stored on what it created: a repeat of the
 * very same input finds it and writes nothing; the same code with other content does not.
 */
export function fingerprint(kind: string, input: unknown): string {
  // One-shot hash (Node.js 20.12 on): less than half the time of a Hash object for inputs this small.
  return hash('sha256', `${kind}\0${JSON.stringify(canonical(input))}`, 'hex');
}
