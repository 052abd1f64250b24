/**
 * The CBV's vocabulary as EPCIS 2.0 JSON-LD writes it: a bare name ("receiving"), the web form
 * (https://ref.gs1.org/cbv/BizStep-receiving), the CBV 1.x URN (urn:epcglobal:cbv:bizstep:receiving)
 * or a compact IRI (cbv:BizStep-receiving) all name the same term. lotgraph compares bare names.
 */
export type Vocabulary = 'BizStep' | 'Disp' | 'BTT' | 'SDT' | 'ER';

const URN: Record<Vocabulary, string> = {
  BizStep: 'urn:epcglobal:cbv:bizstep:',
  Disp: 'urn:epcglobal:cbv:disp:',
  BTT: 'urn:epcglobal:cbv:btt:',
  SDT: 'urn:epcglobal:cbv:sdt:',
  ER: 'urn:epcglobal:cbv:er:',
};
const WEB = 'https://ref.gs1.org/cbv/';

/** A CBV term's bare name ("receiving"); a term of another vocabulary (a URI of its own) as it is. */
export function term(value: string | null | undefined, vocabulary: Vocabulary): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  for (const prefix of [`${WEB}${vocabulary}-`, `cbv:${vocabulary}-`, URN[vocabulary]]) {
    if (v.startsWith(prefix)) return v.slice(prefix.length);
  }
  return v;
}

/** The web form of a term, as the event hash writes it: bare names and CBV URNs become https://ref.gs1.org/cbv/{vocabulary}-{name}. */
export function webTerm(value: string, vocabulary: Vocabulary): string {
  const bare = term(value, vocabulary)!;
  return /^[a-z_]+$/i.test(bare) ? `${WEB}${vocabulary}-${bare}` : bare;
}

/** The field holding a term of each vocabulary, for the event hash's normalisation. */
export const VOCABULARY_OF_FIELD: Readonly<Record<string, Vocabulary>> = {
  bizStep: 'BizStep',
  disposition: 'Disp',
  set: 'Disp',
  unset: 'Disp',
  reason: 'ER',
};
