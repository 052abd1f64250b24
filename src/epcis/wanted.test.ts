import { describe, expect, it } from 'vitest';
import { checkDigit } from '../gs1/identifiers.js';
import { ownUri } from '../gs1/own-uri.js';
import { eventsOf, wanted } from './capture.mapping.js';

const BASE = 'https://lotgraph.example';
const withCheck = (body: string) => body + checkDigit(body);
const PLANT = withCheck('806141411234');
const MILL = withCheck('806141419999');
const FLOUR = withCheck('0861414100000');

/** Receipts of two lots of one product at one plant from one mill: the places, party and product repeat. */
const receipt = (i: number, lot: string) => ({
  type: 'ObjectEvent', eventID: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, eventTime: `2027-01-0${i}T08:00:00.000Z`, eventTimeZoneOffset: '+00:00',
  action: 'OBSERVE', bizStep: 'receiving', readPoint: { id: `https://id.gs1.org/414/${PLANT}` }, bizLocation: { id: `https://id.gs1.org/414/${PLANT}` },
  quantityList: [{ epcClass: `https://id.gs1.org/01/${FLOUR}/10/${lot}`, quantity: 10, uom: 'KGM' }],
  sourceList: [{ type: 'owning_party', source: `https://id.gs1.org/417/${MILL}` }],
});

describe('wanted', () => {
  it('gathers every identifier a document names, once, however often it repeats', () => {
    const document = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'], type: 'EPCISDocument',
      epcisBody: { eventList: [receipt(1, 'A1'), receipt(2, 'A2'), receipt(3, 'A1'), { ...receipt(4, 'A3'), bizLocation: { id: ownUri(BASE, 'location', 'LOC 7') } }] },
    };
    const w = wanted(eventsOf(document), document['@context'], BASE);
    expect([...w.glns].sort()).toEqual([MILL, PLANT].sort());
    expect([...w.gtins]).toEqual([FLOUR]);
    expect([...w.tlcs]).toEqual([`${FLOUR}|A1`, `${FLOUR}|A2`, `${FLOUR}|A3`]);
    expect([...w.lotCodes]).toEqual([`${FLOUR}-A1`, `${FLOUR}-A2`, `${FLOUR}-A3`]);
    expect([...w.locationIds]).toEqual(['LOC 7']);
    expect(w.eventIds.size).toBe(4);
  });
});
