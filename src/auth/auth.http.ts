/**
 * The HTTP side of access control: every request's principal from its bearer key (or, for a
 * download, from a signed link), the rate limit per key, and the preHandlers that routes use.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { type DocumentNode, parse } from 'graphql';
import type { RateLimits } from '../config.js';
import type { Db } from '../db/driver.js';
import { DomainError, ErrorCode, HTTP_STATUS } from '../errors.js';
import { isStaticRequest } from '../web/pages.js';
import { recordAlone } from './audit.js';
import type { Authenticator } from './authenticator.js';
import { mutationFields } from './guard.js';
import { bearerOf } from './keys.js';
import type { LinkSigner } from './links.js';
import { describe, mayFollow, ROUTES } from './policy.js';
import type { Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key the request came with; null when it came with none, or with a bad one. */
    principal: Principal | null;
    /** Why a key that came with the request was not taken. */
    keyRefused: string | null;
  }
}

/** The body of every error the HTTP front answers with itself: GraphQL's shape, with a contract code. */
export const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

export function sendError(reply: FastifyReply, error: DomainError) {
  const status = HTTP_STATUS[error.code] ?? (error.code === ErrorCode.NOT_FOUND ? 404 : 400);
  return reply.code(status).send(errorBody(error.code, error.message));
}

/** The requests per minute a principal may make; 0: no limit. */
export function limitOf(limits: RateLimits, principal: Principal | null): number {
  if (!principal) return limits.anonymous;
  if (principal.bootstrap) return limits.bootstrap;
  if (principal.scope) return limits.partner;
  return limits[principal.role];
}

export interface AuthOptions {
  authenticator: Authenticator;
  links: LinkSigner;
  rateLimits: RateLimits;
}

/** Finds each request's principal (before anything else runs), then limits its rate. */
export async function installAuth(app: FastifyInstance, { authenticator, rateLimits }: AuthOptions) {
  app.decorateRequest('principal', null);
  app.decorateRequest('keyRefused', null);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header) return;
    const secret = bearerOf(header);
    req.principal = secret ? await authenticator.authenticate(secret) : null;
    if (req.principal) req.log = req.log.child({ keyId: req.principal.keyId });
    else req.keyRefused = secret ? 'The API key is unknown or revoked.' : 'The Authorization header is not "Bearer <key>".';
  });
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    keyGenerator: (req) => (req.principal ? `key:${req.principal.keyId}` : `ip:${req.ip}`),
    max: (req) => limitOf(rateLimits, req.principal) || 1,
    // The pages and their assets are files, read by browsers without a key (GraphiQL alone loads dozens): not limited.
    allowList: (req) => isStaticRequest(req) || limitOf(rateLimits, req.principal) === 0,
  });
}

/** At most this many audit records for one request without a valid key, however many mutations it names. */
const MAX_REFUSED_RECORDS = 10;

/**
 * The mutations a GraphQL request body names (each once, the first few), for the audit of a
 * request refused before it ran. Parsed under the same token limit as any operation, so that
 * a request without a key cannot make the service parse more than a keyed one could.
 */
function mutationsOf(body: unknown, maxTokens: number): string[] {
  const query = (body as { query?: unknown })?.query;
  if (typeof query !== 'string') return [];
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return [];
  }
  const names = document.definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? mutationFields(d) : []));
  return [...new Set(names)].slice(0, MAX_REFUSED_RECORDS);
}

/** GraphQL needs a valid key; a refused mutation is audited all the same. */
export function requireKey(db: Db, maxTokens: number): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.principal) return;
    const why = req.keyRefused ?? 'This request came without an API key.';
    const variables = (req.body as { variables?: unknown })?.variables ?? {};
    for (const operation of mutationsOf(req.body, maxTokens)) {
      await recordAlone(db, null, operation, variables, ErrorCode.UNAUTHENTICATED, req.log);
    }
    req.log.info({ reason: why }, 'unauthenticated');
    return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody(ErrorCode.UNAUTHENTICATED, `${why} Send "Authorization: Bearer lg_...".`));
  };
}

/** A download route: a key in the header, or a signed link that a key's query gave; and the route's role. */
export function requireRoute(route: keyof typeof ROUTES, { authenticator, links }: Pick<AuthOptions, 'authenticator' | 'links'>): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.principal && !req.keyRefused) {
      const keyId = links.verify(new URL(req.url, 'http://link'));
      if (keyId) req.principal = await authenticator.byKeyId(keyId);
      if (req.principal) req.log = req.log.child({ keyId: req.principal.keyId });
    }
    const principal = req.principal;
    if (!principal) {
      const why = req.keyRefused ?? 'This download needs an API key, or a link that the API signed (they expire).';
      return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody(ErrorCode.UNAUTHENTICATED, why));
    }
    if (!mayFollow(principal, route)) {
      return reply.code(403).send(errorBody(ErrorCode.FORBIDDEN, `A ${describe(principal)} key may not follow this link (it needs ${ROUTES[route].role}).`));
    }
  };
}
