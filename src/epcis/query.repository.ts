import { cypher } from '../db/cypher.js';
import type { Db } from '../db/driver.js';
import type { ScopeParam } from '../auth/principal.js';
import type { LocationMapper, ProductMapper } from '../fsma/fsma.mappers.js';

const q = {
  queryEvents: cypher('epcis/queryEvents'),
  masterData: cypher('epcis/masterData'),
  lotClasses: cypher('epcis/lotClasses'),
  partnerSteps: cypher('epcis/partnerSteps'),
};

export interface EventRow {
  at: string;
  key: string;
  kind: 'captured' | 'receipt' | 'batch' | 'shipment';
  body: string | null;
  record: Record<string, unknown> | null;
}

export interface EventFilter {
  from: string;
  to: string;
  types: string[] | null;
  bizSteps: string[] | null;
  lotCodes: string[] | null;
  epcClasses: string[] | null;
  scope: ScopeParam | null;
  after: { t: string; key: string } | null;
  limit: number;
}

export const queryEvents = (db: Db, filter: EventFilter) => db.run<EventRow>(q.queryEvents, { ...filter });

export async function masterData(db: Db, ids: { glns: string[]; locationIds: string[]; gtins: string[] }) {
  const [row] = await db.run<{ locations: LocationMapper[]; products: ProductMapper[] }>(q.masterData, ids);
  return row ?? { locations: [], products: [] };
}

export const lotClasses = (db: Db, codes: string[]) =>
  db.run<{ code: string; supplierLotCode: string | null; lotNumber: string | null; gtin: string | null }>(q.lotClasses, { codes });

export const partnerSteps = (db: Db, lots: { code: string; uri: string }[]) =>
  db.run<{ code: string; eventId: string; at: string; gln: string | null; locationName: string | null; inputs: { epcClass: string; quantity: number | null; uom: string | null }[] }>(
    q.partnerSteps,
    { lots },
  );
