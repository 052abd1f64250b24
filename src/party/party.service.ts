import type { Db } from '../db/driver.js';
import { badInput } from '../errors.js';
import { Gs1Error, gln } from '../gs1/identifiers.js';
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
  gln: partyGln(input.gln),
});

/** A party GLN, checked; BAD_USER_INPUT naming the field when it is not one. */
export function partyGln(value: string | null | undefined): string | null {
  const text = optionalText(value, 'gln');
  if (text === null) return null;
  try {
    return gln(text);
  } catch (error) {
    if (error instanceof Gs1Error) throw badInput(error.message, 'gln');
    throw error;
  }
}

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
