/**
 * GS1 keys as EPCIS 2.0 names things, in both forms the standard allows, with check digits
 * validated: a GS1 Digital Link URI (https://id.gs1.org/01/{gtin}/10/{lot}) and an EPC URN
 * (urn:epc:class:lgtin:{company prefix}.{indicator}{item reference}.{lot}).
 *
 * - a lot of a product: GTIN + lot (AI 01 + 10), `lgtin`;
 * - a place: GLN, with an optional extension (AI 414 + 254), `sgln`;
 * - a party: GLN (AI 417), `pgln`;
 * - a logistic unit (a pallet): SSCC (AI 00), `sscc`.
 *
 * A Digital Link names a key whole; a URN splits it after the GS1 Company Prefix, whose length a
 * key alone does not tell: turning a key into a URN needs that length (the URN being read gives it).
 */

export type Gs1Id =
  | { kind: 'lgtin'; gtin: string; lot: string }
  | { kind: 'sgln'; gln: string; extension: string | null }
  | { kind: 'pgln'; gln: string }
  | { kind: 'sscc'; sscc: string };

export class Gs1Error extends Error {}

/** The GS1 check digit of the digits before it (mod 10, weights 3 and 1 from the right). */
export function checkDigit(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Gs1Error(`"${digits}" is not all digits.`);
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

function checked(key: string, lengths: number[], name: string): string {
  if (!/^\d+$/.test(key) || !lengths.includes(key.length)) {
    throw new Gs1Error(`A${/^[AEIOU]/.test(name) ? 'n' : ''} ${name} is ${lengths.join(', ').replace(/, (\d+)$/, ' or $1')} digits; got "${key}".`);
  }
  const want = checkDigit(key.slice(0, -1));
  if (key.at(-1) !== want) throw new Gs1Error(`${name} ${key} has the check digit ${key.at(-1)}; its digits give ${want}.`);
  return key;
}

/** A GTIN of 8, 12, 13 or 14 digits, checked, as the 14 digits GS1 keys compare by. */
export const gtin14 = (gtin: string) => checked(gtin.trim(), [8, 12, 13, 14], 'GTIN').padStart(14, '0');
export const gln = (value: string) => checked(value.trim(), [13], 'GLN');
export const sscc = (value: string) => checked(value.trim(), [18], 'SSCC');

/** GS1's character set 82, which a lot number (AI 10, at most 20 characters) is written in. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

export function lotNumber(lot: string): string {
  if (!CSET82.test(lot)) {
    throw new Gs1Error(`A GS1 lot number (AI 10) is 1 to 20 of the letters, digits and !"%&'()*+,-./:;<=>?_ ; got "${lot}".`);
  }
  return lot;
}

// ---------------------------------------------------------------- Digital Link

const DL = 'https://id.gs1.org';

/**
 * A path segment for a value. "." and ".." are escaped whole: a URL parser would take them as
 * dot segments and drop them (a lot number may be ".").
 */
const segment = (value: string) => (/^\.+$/.test(value) ? value.replace(/\./g, '%2E') : encodeURIComponent(value));

export function toDigitalLink(id: Gs1Id): string {
  switch (id.kind) {
    case 'lgtin':
      return `${DL}/01/${id.gtin}/10/${segment(id.lot)}`;
    case 'sgln':
      return `${DL}/414/${id.gln}${id.extension && id.extension !== '0' ? `/254/${segment(id.extension)}` : ''}`;
    case 'pgln':
      return `${DL}/417/${id.gln}`;
    case 'sscc':
      return `${DL}/00/${id.sscc}`;
  }
}

/** A path segment's text; a broken percent-escape is the identifier's fault, said as such. */
function decoded(segment: string, uri: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Gs1Error(`${uri} has a broken percent-escape in "${segment}".`);
  }
}

/** A Digital Link on any host (a brand may use its own domain), its query string left aside. */
function fromDigitalLink(uri: string): Gs1Id | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // The path as written: URL's pathname resolves "." and "%2E" away as dot segments.
  const path = uri.replace(/^[a-z]+:\/\/[^/?#]*/i, '').split(/[?#]/)[0]!;
  const parts = path.split('/').filter(Boolean).map((p) => decoded(p, uri));
  // The primary key and its qualifiers are the path's last AI/value pairs.
  const at = (ai: string) => parts.lastIndexOf(ai);
  const value = (i: number) => parts[i + 1];
  if (at('01') >= 0 && at('10') > at('01')) return { kind: 'lgtin', gtin: gtin14(value(at('01'))), lot: lotNumber(value(at('10'))) };
  if (at('01') >= 0) throw new Gs1Error(`${uri} names a product (GTIN) but no lot (/10/...): lotgraph traces lots.`);
  if (at('414') >= 0) return { kind: 'sgln', gln: gln(value(at('414'))), extension: at('254') > at('414') ? value(at('254')) : null };
  if (at('417') >= 0) return { kind: 'pgln', gln: gln(value(at('417'))) };
  if (at('00') >= 0) return { kind: 'sscc', sscc: sscc(value(at('00'))) };
  return null;
}

// ---------------------------------------------------------------- EPC URN

/** The EPC URI escapes of GS1's character set 82 (TDS): " % & / < > ? */
const URN_ESCAPE = /["%&/<>?]/g;
const escapeUrn = (s: string) => s.replace(URN_ESCAPE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const unescapeUrn = (s: string) => s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function companyPrefix(key: string, length: number, name: string): void {
  if (!Number.isInteger(length) || length < 6 || length > 12) throw new Gs1Error(`A GS1 Company Prefix is 6 to 12 digits; got a length of ${length} for ${name} ${key}.`);
}

/** The URN of a key, split after its GS1 Company Prefix of `prefixLength` digits. */
export function toEpcUrn(id: Gs1Id, prefixLength: number): string {
  switch (id.kind) {
    case 'lgtin': {
      companyPrefix(id.gtin, prefixLength, 'GTIN');
      const indicator = id.gtin[0];
      const cp = id.gtin.slice(1, 1 + prefixLength);
      const item = id.gtin.slice(1 + prefixLength, 13);
      return `urn:epc:class:lgtin:${cp}.${indicator}${item}.${escapeUrn(id.lot)}`;
    }
    case 'sgln':
    case 'pgln': {
      companyPrefix(id.gln, prefixLength, 'GLN');
      const cp = id.gln.slice(0, prefixLength);
      const ref = id.gln.slice(prefixLength, 12);
      return id.kind === 'pgln' ? `urn:epc:id:pgln:${cp}.${ref}` : `urn:epc:id:sgln:${cp}.${ref}.${escapeUrn(id.extension ?? '0')}`;
    }
    case 'sscc': {
      companyPrefix(id.sscc, prefixLength, 'SSCC');
      const extension = id.sscc[0];
      const cp = id.sscc.slice(1, 1 + prefixLength);
      const serial = id.sscc.slice(1 + prefixLength, 17);
      return `urn:epc:id:sscc:${cp}.${extension}${serial}`;
    }
  }
}

function fromEpcUrn(uri: string): { id: Gs1Id; prefixLength: number } | null {
  const m = /^urn:epc:(class:lgtin|id:sgln|id:pgln|id:sscc):(.+)$/i.exec(uri);
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  const fields = m[2].split('.');
  const digits = (s: string | undefined, what: string) => {
    if (s === undefined || !/^\d+$/.test(s)) throw new Gs1Error(`${uri}: the ${what} is not digits.`);
    return s;
  };
  if (scheme === 'class:lgtin') {
    if (fields.length < 3) throw new Gs1Error(`${uri}: an LGTIN URN is urn:epc:class:lgtin:{company prefix}.{indicator and item reference}.{lot}.`);
    const cp = digits(fields[0], 'company prefix');
    const item = digits(fields[1], 'item reference');
    if (cp.length + item.length !== 13) throw new Gs1Error(`${uri}: the company prefix and item reference are ${cp.length + item.length} digits, not 13.`);
    const body = `${item[0]}${cp}${item.slice(1)}`;
    return { id: { kind: 'lgtin', gtin: body + checkDigit(body), lot: lotNumber(unescapeUrn(fields.slice(2).join('.'))) }, prefixLength: cp.length };
  }
  if (scheme === 'id:sscc') {
    if (fields.length !== 2) throw new Gs1Error(`${uri}: an SSCC URN is urn:epc:id:sscc:{company prefix}.{extension digit and serial reference}.`);
    const cp = digits(fields[0], 'company prefix');
    const serial = digits(fields[1], 'serial reference');
    if (cp.length + serial.length !== 17) throw new Gs1Error(`${uri}: the company prefix and serial reference are ${cp.length + serial.length} digits, not 17.`);
    const body = `${serial[0]}${cp}${serial.slice(1)}`;
    return { id: { kind: 'sscc', sscc: body + checkDigit(body) }, prefixLength: cp.length };
  }
  const pgln = scheme === 'id:pgln';
  if (fields.length !== (pgln ? 2 : 3)) throw new Gs1Error(`${uri}: ${pgln ? 'a PGLN URN is urn:epc:id:pgln:{company prefix}.{party reference}' : 'an SGLN URN is urn:epc:id:sgln:{company prefix}.{location reference}.{extension}'}.`);
  const cp = digits(fields[0], 'company prefix');
  const ref = fields[1] === '' ? '' : digits(fields[1], 'reference');
  if (cp.length + ref.length !== 12) throw new Gs1Error(`${uri}: the company prefix and reference are ${cp.length + ref.length} digits, not 12.`);
  const body = cp + ref;
  const key = body + checkDigit(body);
  if (pgln) return { id: { kind: 'pgln', gln: key }, prefixLength: cp.length };
  const extension = unescapeUrn(fields[2]);
  return { id: { kind: 'sgln', gln: key, extension: extension === '0' ? null : extension }, prefixLength: cp.length };
}

/**
 * Reads a GS1 identifier in either form; null when `uri` is neither a Digital Link nor an EPC URN
 * of these kinds (a lotgraph code, say), and a Gs1Error when it is one but broken (a wrong check
 * digit, a lot number outside character set 82). A URN also tells its company prefix's length.
 */
export function parseGs1(uri: string): { id: Gs1Id; prefixLength: number | null } | null {
  const text = uri.trim();
  if (/^urn:epc:/i.test(text)) return fromEpcUrn(text);
  if (/^https?:\/\//i.test(text)) {
    const id = fromDigitalLink(text);
    return id ? { id, prefixLength: null } : null;
  }
  return null;
}
