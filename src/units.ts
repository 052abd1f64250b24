/**
 * Quantities are kept as exact integers of a base unit per dimension, so that no sum or
 * difference ever drifts: nanograms for mass, nanolitres for volume, millionths for counts.
 * Every factor below is an integer, so a decimal amount in any unit maps to an exact integer
 * (1 lb is exactly 0.45359237 kg; 1 oz is 1/16 lb).
 */
import { badInput } from './errors.js';

export type Dimension = 'mass' | 'volume' | 'count';

interface UnitDef {
  dimension: Dimension;
  factor: bigint;
}

const UNITS: Readonly<Record<string, UnitDef>> = {
  g: { dimension: 'mass', factor: 1_000_000_000n },
  kg: { dimension: 'mass', factor: 1_000_000_000_000n },
  lb: { dimension: 'mass', factor: 453_592_370_000n },
  oz: { dimension: 'mass', factor: 28_349_523_125n },
  ml: { dimension: 'volume', factor: 1_000_000n },
  l: { dimension: 'volume', factor: 1_000_000_000n },
  each: { dimension: 'count', factor: 1_000_000n },
};

export const UNIT_NAMES = Object.keys(UNITS);

/** Every unit's dimension and factor, as statements that check and convert quantities take them. */
export const UNIT_TABLE = {
  dimensions: Object.fromEntries(Object.entries(UNITS).map(([u, d]) => [u, d.dimension])),
  factors: Object.fromEntries(Object.entries(UNITS).map(([u, d]) => [u, d.factor])),
};


/** The largest base amount a quantity may have: Neo4j integers are 64-bit. */
const MAX_BASE = 2n ** 63n - 1n;

function unitDef(unit: string): UnitDef {
  const def = Object.hasOwn(UNITS, unit) ? UNITS[unit] : undefined;
  if (!def) throw badInput(`Unknown unit "${unit}"; use one of ${UNIT_NAMES.join(', ')}.`, 'unit');
  return def;
}

export function dimensionOf(unit: string): Dimension {
  return unitDef(unit).dimension;
}

export function convertible(from: string, to: string): boolean {
  return dimensionOf(from) === dimensionOf(to);
}

/** Splits a finite number into an integer of digits and a power of ten, exactly as printed. */
function decimalParts(amount: number): { digits: bigint; exponent: number } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(amount));
  if (!match) throw badInput(`The amount ${amount} is not a plain decimal number.`, 'amount');
  const [, whole, fraction = '', exp = '0'] = match;
  return { digits: BigInt(whole + fraction), exponent: Number(exp) - fraction.length };
}

/**
 * Converts a positive amount in `unit` to exact base units. Rejects non-positive, non-finite,
 * too precise (finer than the base unit) and too large amounts with BAD_USER_INPUT.
 */
export function toBase(amount: number, unit: string): bigint {
  const { factor } = unitDef(unit);
  if (!Number.isFinite(amount) || amount <= 0) {
    throw badInput(`An amount must be a positive number; got ${amount} ${unit}.`, 'amount');
  }
  const { digits, exponent } = decimalParts(amount);
  let base: bigint;
  if (exponent >= 0) {
    base = digits * factor * 10n ** BigInt(exponent);
  } else {
    const scaled = digits * factor;
    const divisor = 10n ** BigInt(-exponent);
    if (scaled % divisor !== 0n) {
      throw badInput(`${amount} ${unit} is more precise than lotgraph records (${describeResolution(unit)}).`, 'amount');
    }
    base = scaled / divisor;
  }
  if (base > MAX_BASE) throw badInput(`${amount} ${unit} is larger than lotgraph can record in one quantity.`, 'amount');
  return base;
}

function describeResolution(unit: string): string {
  const dimension = dimensionOf(unit);
  return dimension === 'mass' ? 'to the nanogram' : dimension === 'volume' ? 'to the nanolitre' : 'to a millionth';
}

/** The amount of `base` units expressed in `unit`, as the nearest double. */
export function fromBase(base: bigint, unit: string): number {
  const { factor } = unitDef(unit);
  const whole = base / factor;
  const rest = base % factor;
  if (rest === 0n) return Number(whole);
  // Print the exact quotient with enough digits, then let the double parser round once.
  const digits = 20;
  const scaled = (rest * 10n ** BigInt(digits)) / factor;
  return Number(`${whole}.${scaled.toString().padStart(digits, '0')}`);
}

/** A person-readable amount, e.g. "12.5 kg". */
export function formatQuantity(base: bigint, unit: string): string {
  return `${fromBase(base, unit)} ${unit}`;
}
