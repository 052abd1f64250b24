import type { ScopeParam } from '../auth/principal.js';
import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { LotRecord } from '../lot/lot.mappers.js';
import type { ShipmentMapper } from '../shipping/shipping.mappers.js';
import type { CustomerMapper, SupplierMapper } from './party.mappers.js';

const q = {
  suppliersByIds: cypher('party/suppliersByIds'),
  customersByIds: cypher('party/customersByIds'),
  upsertSupplier: cypher('party/upsertSupplier'),
  upsertCustomer: cypher('party/upsertCustomer'),
  lotsBySupplierIds: cypher('party/lotsBySupplierIds'),
  shipmentsByCustomerIds: cypher('party/shipmentsByCustomerIds'),
};

export const suppliersByIds = (db: Runner, ids: readonly string[], scope: ScopeParam | null = null) =>
  db.run<{ id: string; supplier: SupplierMapper }>(q.suppliersByIds, { ids, scope });

export const customersByIds = (db: Runner, ids: readonly string[], scope: ScopeParam | null = null) =>
  db.run<{ id: string; customer: CustomerMapper }>(q.customersByIds, { ids, scope });

export interface PartyInput {
  id: string;
  name: string;
  location?: string | null;
  locationId?: string | null;
  gln?: string | null;
}

const upsertParams = (input: PartyInput) => ({
  id: input.id,
  name: input.name,
  location: input.location ?? null,
  setLocation: input.location !== undefined,
  locationId: input.locationId ?? null,
  gln: input.gln ?? null,
});

export const upsertSupplier = async (tx: Runner, input: PartyInput) =>
  (await tx.run<{ supplier: SupplierMapper }>(q.upsertSupplier, upsertParams(input)))[0].supplier;

export const upsertCustomer = async (tx: Runner, input: PartyInput) =>
  (await tx.run<{ customer: CustomerMapper }>(q.upsertCustomer, upsertParams(input)))[0].customer;

export const lotsBySupplierIds = (db: Runner, ids: readonly string[], first: number) =>
  db.run<{ id: string; lots: LotRecord[] }>(q.lotsBySupplierIds, { ids, first: BigInt(first) });

export const shipmentsByCustomerIds = (db: Runner, ids: readonly string[], first: number) =>
  db.run<{ id: string; shipments: ShipmentMapper[] }>(q.shipmentsByCustomerIds, { ids, first: BigInt(first) });
