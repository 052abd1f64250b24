import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalUri, eventHash, preHash } from './hash.js';

const DIR = new URL('../../test/fixtures/epcis/hash-vectors/', import.meta.url);
const lines = (file: string) => readFileSync(new URL(file, DIR), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);

describe('the CBV 2.0 event hash', () => {
  const docs = readdirSync(DIR).filter((f) => f.endsWith('.jsonld'));
  it.each(docs)('gives the reference implementation\'s pre-hash strings and hashes for %s', (file) => {
    const doc = JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
    const name = file.replace(/\.jsonld$/, '');
    const events = doc.epcisBody.eventList;
    expect(events.map((e: never) => preHash(e, doc['@context']))).toEqual(lines(`${name}.prehashes`));
    expect(events.map((e: never) => eventHash(e, doc['@context']))).toEqual(lines(`${name}.hashes`));
  });

  it('is the same whatever order the fields and list entries come in, and whichever form names a key', () => {
    const a = {
      type: 'ObjectEvent', eventTime: '2024-05-01T10:00:00+02:00', eventTimeZoneOffset: '+02:00', action: 'OBSERVE', bizStep: 'receiving',
      quantityList: [
        { epcClass: 'urn:epc:class:lgtin:0614141.000001.L1', quantity: 20, uom: 'KGM' },
        { epcClass: 'https://id.gs1.org/01/00614141000029/10/L2', quantity: 5.0, uom: 'KGM' },
      ],
      bizLocation: { id: 'urn:epc:id:sgln:0614141.00001.0' },
    };
    const b = {
      bizLocation: { id: 'https://example.com/414/0614141000012' },
      quantityList: [
        { uom: 'KGM', quantity: 5, epcClass: 'urn:epc:class:lgtin:0614141.000002.L2' },
        { epcClass: 'https://id.gs1.org/01/00614141000012/10/L1', quantity: 20.0, uom: 'KGM' },
      ],
      bizStep: 'urn:epcglobal:cbv:bizstep:receiving', action: 'OBSERVE', eventTimeZoneOffset: '+02:00', eventTime: '2024-05-01T08:00:00.000Z', type: 'ObjectEvent',
      eventID: 'urn:uuid:left-out', recordTime: '2024-05-02T00:00:00Z',
    };
    expect(eventHash(b)).toBe(eventHash(a));
    expect(eventHash({ ...a, action: 'ADD' })).not.toBe(eventHash(a));
  });

  it('writes EPC URNs as Digital Links', () => {
    expect(canonicalUri('urn:epc:id:sgtin:0614141.107346.2017')).toBe('https://id.gs1.org/01/10614141073464/21/2017');
    expect(canonicalUri('urn:epc:id:sscc:4012345.1112223334')).toBe('https://id.gs1.org/00/140123451122233341');
    expect(canonicalUri('urn:epc:id:sgln:4012345.00022.0')).toBe('https://id.gs1.org/414/4012345000221');
    expect(canonicalUri('urn:epc:idpat:sgtin:4012345.066666.*')).toBe('https://id.gs1.org/01/04012345666663');
    expect(canonicalUri('urn:uuid:6d2b7a1e')).toBe('urn:uuid:6d2b7a1e');
  });
});
