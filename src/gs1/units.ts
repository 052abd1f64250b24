/**
 * UN/CEFACT Recommendation 20 unit codes, as EPCIS quantity lists carry them (uom), and
 * lotgraph's units. A mass or volume maps to lotgraph's unit of that measure; a count maps to
 * `each` and keeps the code it came with (a case, CS, is not an each, EA, and lotgraph never
 * converts one into the other), so that a document written back says what it was sent with.
 */
import { Gs1Error } from './identifiers.js';

const MEASURES: Readonly<Record<string, string>> = { KGM: 'kg', GRM: 'g', LBR: 'lb', ONZ: 'oz', LTR: 'l', MLT: 'ml' };

/** Count codes of Rec. 20 (and Rec. 21's package codes as Rec. 20 carries them) that food shippers use. */
const COUNTS: Readonly<Record<string, string>> = {
  EA: 'each',
  H87: 'piece',
  C62: 'one (unit)',
  CS: 'case',
  CT: 'carton',
  BX: 'box',
  PK: 'pack',
  BG: 'bag',
  CA: 'can',
  BO: 'bottle',
  TU: 'tube',
  PA: 'packet',
  DZN: 'dozen',
  XBX: 'box',
  XCS: 'case',
  XCT: 'carton',
  XPK: 'package',
  XBG: 'bag',
};

export interface FromRec20 {
  /** lotgraph's unit. */
  unit: string;
  /** For a count: the code it came with (EA, CS, ...); null for a mass or volume. */
  countCode: string | null;
}

/** A Rec. 20 code as lotgraph's unit; a Gs1Error names the codes lotgraph takes. */
export function fromRec20(code: string): FromRec20 {
  const c = code.trim().toUpperCase();
  if (Object.hasOwn(MEASURES, c)) return { unit: MEASURES[c], countCode: null };
  if (Object.hasOwn(COUNTS, c)) return { unit: 'each', countCode: c };
  throw new Gs1Error(`The unit code "${code}" is not one lotgraph takes: ${Object.keys(MEASURES).join(', ')} (mass and volume) or a count (${Object.keys(COUNTS).join(', ')}).`);
}

/** lotgraph's unit as a Rec. 20 code; a count goes back as the code it came with (EA when none). */
export function toRec20(unit: string, countCode: string | null = null): string {
  if (unit === 'each') return countCode && Object.hasOwn(COUNTS, countCode) ? countCode : 'EA';
  const code = Object.entries(MEASURES).find(([, u]) => u === unit)?.[0];
  if (!code) throw new Gs1Error(`lotgraph's unit "${unit}" has no UN/CEFACT Rec. 20 code here.`);
  return code;
}

/** What a count code names, for people. */
export const countName = (code: string) => COUNTS[code.toUpperCase()] ?? null;
