/**
 * lotgraph's own URIs of things that have no GS1 key ({LOTGRAPH_ID_BASE}/{kind}/{id}): lots of
 * products without a GTIN, places and parties without a GLN, documents, events. Written by the
 * EPCIS events and Lot.identifier, read back by capture, the query interface and lot(code:).
 */
export type OwnKind = 'lot' | 'location' | 'supplier' | 'customer' | 'document' | 'document-type' | 'event' | 'product';

export const ownUri = (idBase: string, kind: OwnKind, id: string) => `${idBase}/${kind}/${encodeURIComponent(id)}`;

/** The id in lotgraph's own URI of a thing of that kind; null for any other URI (or a broken escape). */
export function ownId(uri: string | null, idBase: string, kind: OwnKind): string | null {
  const prefix = ownUri(idBase, kind, '');
  if (!uri?.startsWith(prefix)) return null;
  try {
    return decodeURIComponent(uri.slice(prefix.length));
  } catch {
    return null;
  }
}
