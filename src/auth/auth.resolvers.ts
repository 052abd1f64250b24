import type { Resolvers, Role } from '../__generated__/resolvers-types.js';
import { badInput } from '../errors.js';
import { requireInstant } from '../validation.js';
import * as authRepository from './auth.repository.js';
import { createKey, listKeys, revokeKey } from './keys.service.js';
import { allowedFor } from './policy.js';

const MAX_PAGE = 1000;

/** A page cursor: the last record's instant and id, so that records written meanwhile do not shift pages. */
const cursorOf = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function fromCursor(after: string | null | undefined): { before: string | null; beforeId: string | null } {
  if (!after) return { before: null, beforeId: null };
  try {
    const [at, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string];
    return { before: requireInstant(at, 'after'), beforeId: String(id) };
  } catch {
    throw badInput('after is not a cursor that auditLog gave.', 'after');
  }
}

export const authResolvers: Resolvers = {
  Query: {
    me: (_, __, { principal }) => {
      // The guard lets no request without a principal reach a resolver.
      if (!principal) throw new Error('me: no principal on an authenticated request.');
      return {
        keyId: principal.keyId,
        name: principal.name,
        role: principal.role.toUpperCase() as Role,
        customerId: principal.scope?.kind === 'customer' ? principal.scope.id : null,
        supplierId: principal.scope?.kind === 'supplier' ? principal.scope.id : null,
        allowed: allowedFor(principal),
      };
    },
    apiKeys: (_, { includeRevoked }, { db }) => listKeys(db, includeRevoked ?? false),
    auditLog: async (_, { filter, first, after }, { db }) => {
      const size = first ?? 100;
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}; got ${size}.`, 'first');
      const records = await authRepository.auditRecords(db, {
        keyId: filter?.keyId ?? null,
        operation: filter?.operation ?? null,
        from: filter?.from ?? null,
        to: filter?.to ?? null,
        lotCode: filter?.lotCode ?? null,
        first: size + 1,
        ...fromCursor(after),
      });
      const page = records.slice(0, size);
      const last = page[page.length - 1];
      return { records: page, nextCursor: records.length > size && last ? cursorOf(last.at, last.id) : null };
    },
  },
  Mutation: {
    createApiKey: (_, { input }, { db }) =>
      createKey(db, { name: input.name, role: input.role.toLowerCase(), customerId: input.customerId, supplierId: input.supplierId, sharesLineage: input.sharesLineage }),
    revokeApiKey: async (_, { id }, { db, authenticator }) => {
      const key = await revokeKey(db, id);
      authenticator?.forget(id);
      return key;
    },
  },
  ApiKey: {
    role: (k) => k.role.toUpperCase() as 'VIEWER',
    customerId: (k) => k.customerId ?? null,
    supplierId: (k) => k.supplierId ?? null,
    sharesLineage: (k) => k.sharesLineage === true,
    lastUsedAt: (k) => k.lastUsedAt ?? null,
    revokedAt: (k) => k.revokedAt ?? null,
  },
};
