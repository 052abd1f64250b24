/**
 * Partner lineage: events that happened at another company's place (captured, they move no
 * stock here) that made lots we received. A backward trace steps through them one step into the
 * supplier's production: our lot's class (its GS1 identifier), the partner's transformation event
 * that output it, and what that event used.
 */
import type { Db } from '../db/driver.js';
import { parseGs1 } from '../gs1/identifiers.js';
import * as queryRepository from './query.repository.js';
import { lotClassesOf } from './query.service.js';

export interface PartnerStepMapper {
  lotCode: string;
  eventId: string;
  at: string;
  gln: string | null;
  locationName: string | null;
  inputs: { epcClass: string; gtin: string | null; lotNumber: string | null; quantity: number | null; uom: string | null }[];
}

export async function partnerSteps(db: Db, lotCodes: readonly string[], idBase: string): Promise<PartnerStepMapper[]> {
  if (lotCodes.length === 0) return [];
  const rows = await queryRepository.partnerSteps(db, await lotClassesOf(db, lotCodes, idBase));
  return rows.map((r) => ({
    lotCode: r.code,
    eventId: r.eventId,
    at: r.at,
    gln: r.gln,
    locationName: r.locationName,
    inputs: r.inputs.map((i) => {
      let id = null;
      try {
        id = parseGs1(i.epcClass)?.id ?? null;
      } catch {
        /* a class of the partner's own */
      }
      return { ...i, gtin: id?.kind === 'lgtin' ? id.gtin : null, lotNumber: id?.kind === 'lgtin' ? id.lot : null };
    }),
  }));
}
