/**
 * Partner lineage: events that happened at another company's place (captured, they move no
 * stock here) that made lots we received. A backward trace steps through them one step into the
 * supplier's production: our lot's class (its GS1 identifier), the partner's transformation event
 * that output it, and what that event used.
 */
import type { Db } from '../db/driver.js';
import { parseGs1 } from '../gs1/identifiers.js';
import { canonicalUri } from './hash.js';
import { EventWriter } from './events.js';
import * as queryRepository from './query.repository.js';

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
  const writer = new EventWriter(idBase);
  const lots = (await queryRepository.lotClasses(db, [...lotCodes])).map((r) => ({
    code: r.code,
    uri: canonicalUri(writer.lotClass({ ...r, productSku: '', productName: '', unit: '' })),
  }));
  const rows = await queryRepository.partnerSteps(db, lots);
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
