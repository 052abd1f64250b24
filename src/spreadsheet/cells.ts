/**
 * What a spreadsheet's cells hold, read as lotgraph's values: dates in the common spreadsheet
 * forms, numbers with a decimal point or (where declared) a decimal comma, and units in
 * lotgraph's and the common spellings. Each parser throws a message for the user, never a code.
 */
import { UNIT_NAMES } from '../units.js';

export type Cell = string | number | boolean | Date | null;
/** How slashed dates are read: month first (US) or day first. ISO dates and Excel serials need no declaration. */
export type DateFormat = 'mdy' | 'dmy';

export interface CellOptions {
  dateFormat?: DateFormat;
  decimalComma?: boolean;
}

export const isBlank = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

export function text(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Excel counts days from 1899-12-30 (with its 1900 leap-year quirk already inside that epoch). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A date-time as ISO 8601 in UTC. Dates and times without a zone are taken as UTC. */
export function dateTime(cell: Cell, options: CellOptions = {}): string {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) throw new Error('is not a date');
    return cell.toISOString();
  }
  if (typeof cell === 'number') {
    // An Excel serial date: whole days since the epoch, the fraction a time of day.
    if (cell < 1 || cell > 2_958_465) throw new Error(`${cell} is not a date`);
    return new Date(EXCEL_EPOCH_MS + Math.round(cell * 86_400_000)).toISOString();
  }
  const t = text(cell);
  if (t === '') throw new Error('is empty');
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (iso) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone = 'Z'] = iso;
    const parsed = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
    if (Number.isNaN(parsed.getTime()) || parsed.getUTCDate() !== Number(d) && zone === 'Z') throw new Error(`"${t}" is not a date`);
    return parsed.toISOString();
  }
  const slashed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(t);
  if (slashed) {
    if (!options.dateFormat) throw new Error(`"${t}" could be month/day or day/month: declare the file's date format (mdy or dmy)`);
    const [, a, b, yy, h = '0', mi = '0', s = '0', ampm] = slashed;
    const [month, day] = options.dateFormat === 'mdy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
    const year = yy.length === 2 ? 2000 + Number(yy) : Number(yy);
    let hour = Number(h);
    if (ampm) {
      if (hour < 1 || hour > 12) throw new Error(`"${t}" has an hour that is not 1-12 before AM/PM`);
      hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
    }
    const parsed = new Date(Date.UTC(year, month - 1, day, hour, Number(mi), Number(s)));
    if (parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day || hour > 23) throw new Error(`"${t}" is not a date (${options.dateFormat})`);
    return `${parsed.getUTCFullYear()}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(Number(mi))}:${pad(Number(s))}.000Z`;
  }
  throw new Error(`"${t}" is not a date (ISO 8601, ${options.dateFormat ?? 'mdy or dmy'} with slashes, or an Excel date)`);
}

/** A number: a numeric cell, or text with a decimal point (or a decimal comma where declared) and optional thousands separators. */
export function number(cell: Cell, options: CellOptions = {}): number {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error('is not a number');
    return cell;
  }
  const t = text(cell).replace(/[\s\u00a0\u202f']/g, '');
  if (t === '') throw new Error('is empty');
  const normal = options.decimalComma
    ? /^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(t) ? t.replace(/\./g, '').replace(',', '.') : null
    : /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : null;
  if (normal === null) {
    const hint = !options.decimalComma && /^-?\d+,\d{1,2}$/.test(t) ? ' (if the file writes decimals with a comma, declare it)' : '';
    throw new Error(`"${text(cell)}" is not a number${hint}`);
  }
  return Number(normal);
}

/** Yes or no, as spreadsheets write it. */
export function yesNo(cell: Cell): boolean {
  if (typeof cell === 'boolean') return cell;
  const t = text(cell).toLowerCase();
  if (['yes', 'y', 'true', '1', 'x', 'ja', 'oui', 'si'].includes(t)) return true;
  if (['no', 'n', 'false', '0', 'nein', 'non'].includes(t)) return false;
  throw new Error(`"${text(cell)}" is neither yes nor no`);
}

/** Common spellings of units, after lower-casing and dropping dots and spaces. */
const UNIT_SPELLINGS: Record<string, string> = {
  kg: 'kg', kgs: 'kg', kilo: 'kg', kilos: 'kg', kilogram: 'kg', kilograms: 'kg', kgm: 'kg',
  g: 'g', gr: 'g', grs: 'g', gram: 'g', grams: 'g', grm: 'g',
  lb: 'lb', lbs: 'lb', pound: 'lb', pounds: 'lb', '#': 'lb', lbr: 'lb',
  oz: 'oz', ozs: 'oz', ounce: 'oz', ounces: 'oz', onz: 'oz',
  l: 'l', lt: 'l', ltr: 'l', ltrs: 'l', liter: 'l', liters: 'l', litre: 'l', litres: 'l',
  ml: 'ml', milliliter: 'ml', milliliters: 'ml', millilitre: 'ml', millilitres: 'ml', mlt: 'ml',
  // Counts: lotgraph counts in one unit, `each`, whatever the pack (a case, a bag, a piece).
  each: 'each', ea: 'each', pc: 'each', pcs: 'each', piece: 'each', pieces: 'each', unit: 'each', units: 'each', ct: 'each', count: 'each',
  cs: 'each', case: 'each', cases: 'each', bag: 'each', bags: 'each', box: 'each', boxes: 'each', h87: 'each',
};

export function unit(cell: Cell): string {
  const t = text(cell);
  const key = t.toLowerCase().replace(/[.\s]/g, '');
  const found = UNIT_SPELLINGS[key];
  if (!found) throw new Error(`"${t}" is not a unit lotgraph knows (${UNIT_NAMES.join(', ')}, or a common spelling such as KG, lbs, cs)`);
  return found;
}
