import type { Db, Runner } from '../db/driver.js';
import { badInput, DomainError, ErrorCode, notFound } from '../errors.js';
import * as partyRepository from '../party/party.repository.js';
import { requireText } from '../validation.js';
import type { ApiKeyRecord, CreatedApiKeyMapper } from './auth.mappers.js';
import * as authRepository from './auth.repository.js';
import { hashSecret, hintOf, newKeyId, newSecret } from './keys.js';
import { isRole, ROLES, type PartnerScope, type Principal } from './principal.js';

export interface CreateKeyInput {
  name: string;
  role: string;
  customerId?: string | null;
  supplierId?: string | null;
  sharesLineage?: boolean | null;
}

/**
 * Creates a key and returns its secret, the only time it is ever shown. A partner key (scoped to
 * one customer or supplier of ours) is a viewer: what it may see and do is its scope's.
 */
export async function createKey(db: Db, input: CreateKeyInput): Promise<CreatedApiKeyMapper> {
  const name = requireText(input.name, 'name').trim();
  if (name.length > 200) throw badInput('name must be at most 200 characters.', 'name');
  if (!isRole(input.role)) throw badInput(`role must be one of ${ROLES.join(', ')}; got "${input.role}".`, 'role');
  const customerId = input.customerId ?? null;
  const supplierId = input.supplierId ?? null;
  if (customerId && supplierId) throw badInput('A key is scoped to one customer or one supplier, not both.', 'customerId');
  if ((customerId || supplierId) && input.role !== 'viewer') {
    throw badInput(`A partner key has the role viewer (its scope says what else it may do); got "${input.role}".`, 'role');
  }
  const sharesLineage = input.sharesLineage ?? false;
  if (sharesLineage && !customerId) throw badInput('Only a customer\'s key shares lineage (what went into the lots that customer received from us).', 'sharesLineage');
  const secret = newSecret();
  const key = await db.write(async (tx) => {
    if (customerId && (await partyRepository.customersByIds(tx, [customerId], null)).length === 0) throw notFound('customer', customerId);
    if (supplierId && (await partyRepository.suppliersByIds(tx, [supplierId], null)).length === 0) throw notFound('supplier', supplierId);
    return authRepository.createApiKey(tx, {
      id: newKeyId(),
      name,
      role: input.role,
      customerId,
      supplierId,
      sharesLineage,
      hash: hashSecret(secret),
      hint: hintOf(secret),
    });
  });
  return { key, secret };
}

export const listKeys = (db: Runner, includeRevoked: boolean) => authRepository.apiKeys(db, includeRevoked);

/** Revokes a key; the service that revoked it stops taking it at once, every other within seconds. */
export async function revokeKey(db: Db, id: string): Promise<ApiKeyRecord> {
  const key = await db.write((tx) => authRepository.revokeApiKey(tx, id));
  if (!key) throw notFound('API key', id);
  return key;
}

/** The principal a stored key stands for, or null when it is revoked. */
export function principalOf(key: ApiKeyRecord): Principal | null {
  if (key.revokedAt) return null;
  if (!isRole(key.role)) throw new DomainError(ErrorCode.INTERNAL_SERVER_ERROR, `Key ${key.id} has an unknown role.`);
  const scope: PartnerScope | null = key.customerId
    ? { kind: 'customer', id: key.customerId }
    : key.supplierId
      ? { kind: 'supplier', id: key.supplierId }
      : null;
  return { keyId: key.id, name: key.name, role: key.role, scope, sharesLineage: key.sharesLineage === true, bootstrap: false };
}
