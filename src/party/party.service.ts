import type { Db } from '../db/driver.js';
import { gs1Field } from '../gs1/fields.js';
import { gln } from '../gs1/identifiers.js';
import { optionalText, requireText } from '../validation.js';
import type { CustomerMapper, SupplierMapper } from './party.mappers.js';
import { requireLocations } from '../fsma/fsma.repository.js';
import * as partyRepository from './party.repository.js';

interface PartyInput {
  id: string;
  name: string;
  location?: string | null;
  locationId?: string | null;
  gln?: string | null;
}

// An omitted location keeps the stored one; an explicit null (or blank) clears it.
const normalize = (input: PartyInput): partyRepository.PartyInput => ({
  id: requireText(input.id, 'id'),
  name: requireText(input.name, 'name'),
  ...(input.location === undefined ? {} : { location: optionalText(input.location, 'location') }),
  locationId: optionalText(input.locationId, 'locationId'),
  gln: gs1Field(input.gln, gln, 'gln'),
});


export async function upsertSupplier(db: Db, input: PartyInput): Promise<SupplierMapper> {
  const party = normalize(input);
  return db.write(async (tx) => {
    await requireLocations(tx, [party.locationId ?? null]);
    return partyRepository.upsertSupplier(tx, party);
  });
}

export async function upsertCustomer(db: Db, input: PartyInput): Promise<CustomerMapper> {
  const party = normalize(input);
  return db.write(async (tx) => {
    await requireLocations(tx, [party.locationId ?? null]);
    return partyRepository.upsertCustomer(tx, party);
  });
}
