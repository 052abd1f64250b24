/**
 * Where the API takes a lot's code (lot, the traces, recall starts), it takes the lot's GS1
 * identifier too, in either form: https://id.gs1.org/01/{gtin}/10/{lot} or
 * urn:epc:class:lgtin:{company prefix}.{item}.{lot}. It names the lots of the product with that
 * GTIN whose traceability lot code is that lot number. lotgraph's own identifier of a lot
 * ({LOTGRAPH_ID_BASE}/lot/{code}, for products without a GTIN) names that lot; anything else is a
 * lotgraph code, as before.
 */
import { DEFAULT_ID_BASE } from '../config.js';
import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import { badInput } from '../errors.js';
import { Gs1Error, lotNumber, parseGs1, toDigitalLink } from './identifiers.js';
import { ownUri } from './own-uri.js';

const q = { lotsByGtinLot: cypher('gs1/lotsByGtinLot') };

/** lotgraph's own identifier of a lot whose product has no GTIN (or whose lot number GS1 cannot carry). */
export const privateLotUri = (idBase: string, code: string) => ownUri(idBase, 'lot', code);

/**
 * A lot's traceability lot code: the supplier's lot code on a received lot; on a produced one its
 * lot number where it has one apart from its code (lots captured from EPCIS), else its code.
 */
export const traceabilityLotCode = (lot: { code: string; supplierLotCode?: string | null; lotNumber?: string | null }) => lot.supplierLotCode ?? lot.lotNumber ?? lot.code;

/** A lot as EPCIS names it: the GS1 Digital Link of its GTIN and traceability lot code where it can, else lotgraph's own form. */
export function lotIdentifier(idBase: string, lot: { code: string; supplierLotCode?: string | null; lotNumber?: string | null }, gtin: string | null | undefined): string {
  const number = traceabilityLotCode(lot);
  if (gtin) {
    try {
      return toDigitalLink({ kind: 'lgtin', gtin, lot: lotNumber(number) });
    } catch (error) {
      if (!(error instanceof Gs1Error)) throw error;
    }
  }
  return privateLotUri(idBase, lot.code);
}

/**
 * The lotgraph codes a reference names: itself for a code; for lotgraph's own identifier
 * ({idBase}/lot/{code}), that code; for a GS1 identifier, every lot it names (maybe none).
 */
export async function lotCodesOf(db: Runner, ref: string, field = 'lotCode', idBase = DEFAULT_ID_BASE): Promise<string[]> {
  const own = ownUri(idBase, 'lot', '');
  if (ref.startsWith(own)) {
    try {
      return [decodeURIComponent(ref.slice(own.length))];
    } catch {
      throw badInput(`${field}: ${ref} has a broken percent-escape.`, field);
    }
  }
  let parsed;
  try {
    parsed = parseGs1(ref);
  } catch (error) {
    if (error instanceof Gs1Error) throw badInput(`${field}: ${error.message}`, field);
    throw error;
  }
  if (!parsed) return [ref];
  const { id } = parsed;
  if (id.kind !== 'lgtin') {
    const what = { sgln: 'a place (GLN)', pgln: 'a party (GLN)', sscc: 'a logistic unit (SSCC)' }[id.kind];
    throw badInput(`${field}: ${ref} names ${what}, not a lot; a lot is a GTIN with a lot number (/01/{gtin}/10/{lot}).`, field);
  }
  return (await db.run<{ code: string }>(q.lotsByGtinLot, { gtin: id.gtin, lot: id.lot })).map((r) => r.code);
}

/**
 * The one lot a reference names: a code as it is; a GS1 identifier naming none gives null, naming
 * several a BAD_USER_INPUT that lists them (unless `reveal` is false: a partner's key sees no code
 * of a lot that is not its own).
 */
export async function lotCodeOf(db: Runner, ref: string, { field = 'lotCode', reveal = true, idBase = DEFAULT_ID_BASE } = {}): Promise<string | null> {
  const codes = await lotCodesOf(db, ref, field, idBase);
  if (codes.length > 1) {
    const which = reveal ? ` (${codes.slice(0, 10).join(', ')}${codes.length > 10 ? ', ...' : ''})` : '';
    throw badInput(`${field}: ${ref} names ${codes.length} lots${which}, received under the same lot number; give one lotgraph code.`, field);
  }
  return codes[0] ?? null;
}
