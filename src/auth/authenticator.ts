/**
 * Turns a bearer secret into a principal. The hot path makes no Neo4j round trip: each key's
 * answer is cached for `ttlMs` (default 2 s), so a key revoked on another instance stops working
 * within that time, and at once on the instance that revoked it. Unknown secrets are cached
 * too (briefly), so that guessing costs the database nothing.
 */
import type { Db } from '../db/driver.js';
import * as authRepository from './auth.repository.js';
import { hashSecret, KEY_PREFIX, sameHash } from './keys.js';
import { principalOf } from './keys.service.js';
import { bootstrapPrincipal, type Principal } from './principal.js';

export interface AuthenticatorOptions {
  /** LOTGRAPH_ADMIN_KEY (or the generated bootstrap key): always an admin. */
  adminKey: string | null;
  ttlMs?: number;
  /** How many cached answers at most; the oldest goes first. */
  maxEntries?: number;
  /** How often a key's last use is written, at most. */
  touchEveryMs?: number;
  now?: () => number;
}

interface Entry {
  principal: Principal | null;
  at: number;
}

export interface Authenticator {
  /** The principal of a secret, or null when it is unknown or revoked. */
  authenticate(secret: string): Promise<Principal | null>;
  /** The principal of a key id (signed links name the key, not its secret). */
  byKeyId(keyId: string): Promise<Principal | null>;
  /** Forgets what is cached of a key: called when this instance revokes it. */
  forget(keyId: string): void;
  /** Writes the pending last-used times (also done by itself, at most once a minute per key). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function createAuthenticator(db: Db, options: AuthenticatorOptions): Authenticator {
  const ttl = options.ttlMs ?? 2000;
  const max = options.maxEntries ?? 10_000;
  const touchEvery = options.touchEveryMs ?? 60_000;
  const now = options.now ?? Date.now;
  const byHash = new Map<string, Entry>();
  const byId = new Map<string, Entry>();
  const lastTouched = new Map<string, number>();
  const pendingTouches = new Map<string, string>();
  const inflight = new Map<string, Promise<Principal | null>>();
  const adminHash = options.adminKey ? hashSecret(options.adminKey) : null;

  const remember = (cache: Map<string, Entry>, key: string, principal: Principal | null) => {
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(key, { principal, at: now() });
  };

  const touch = (principal: Principal) => {
    if (principal.bootstrap) return;
    const t = now();
    if (t - (lastTouched.get(principal.keyId) ?? 0) < touchEvery) return;
    lastTouched.set(principal.keyId, t);
    pendingTouches.set(principal.keyId, new Date(t).toISOString());
  };

  async function flush() {
    if (pendingTouches.size === 0) return;
    const uses = [...pendingTouches].map(([id, at]) => ({ id, at }));
    pendingTouches.clear();
    await db.write((tx) => authRepository.touchApiKeys(tx, uses)).catch(() => undefined);
  }
  const timer = setInterval(() => void flush(), 5_000);
  timer.unref();

  // Counts the keys this instance revoked: an answer read before a revocation is not kept.
  let revocations = 0;

  async function cached(cache: Map<string, Entry>, key: string, load: () => Promise<Principal | null>) {
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttl) return hit.principal;
    let pending = inflight.get(key);
    if (!pending) {
      const asOf = revocations;
      const loading = load()
        .then((principal) => {
          if (asOf === revocations) remember(cache, key, principal);
          return principal;
        })
        .finally(() => {
          if (inflight.get(key) === loading) inflight.delete(key);
        });
      inflight.set(key, loading);
      pending = loading;
    }
    return pending;
  }

  return {
    async authenticate(secret) {
      if (secret.length > 200) return null;
      const hash = hashSecret(secret);
      if (adminHash && sameHash(hash, adminHash)) return bootstrapPrincipal;
      if (!secret.startsWith(KEY_PREFIX)) return null;
      const principal = await cached(byHash, hash, async () => {
        const key = await authRepository.apiKeyByHash(db, hash);
        return key ? principalOf(key) : null;
      });
      if (principal) touch(principal);
      return principal;
    },
    async byKeyId(keyId) {
      if (keyId === bootstrapPrincipal.keyId) return options.adminKey ? bootstrapPrincipal : null;
      return cached(byId, keyId, async () => {
        const key = await authRepository.apiKeyById(db, keyId);
        return key ? principalOf(key) : null;
      });
    },
    forget(keyId) {
      revocations += 1;
      inflight.clear();
      for (const cache of [byHash, byId]) {
        for (const [k, e] of cache) if (k === keyId || e.principal?.keyId === keyId) cache.delete(k);
      }
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
