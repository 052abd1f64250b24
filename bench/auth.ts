/**
 * The benchmark's key, and what authentication costs per request. The API under test runs with
 * LOTGRAPH_ADMIN_KEY = BENCH_KEY (the bootstrap admin: no rate limit), and every request of the
 * benchmark carries it.
 */
import { createAuthenticator } from '../src/auth/authenticator.js';
import { newSecret } from '../src/auth/keys.js';
import { createKey, revokeKey } from '../src/auth/keys.service.js';
import type { Db } from '../src/db/driver.js';
import { stats } from './stats.js';

type Stats = ReturnType<typeof stats>;

export const BENCH_KEY = newSecret();

/** fetch with the benchmark's key. */
export function apiFetch(url: string, init: RequestInit = {}, key = BENCH_KEY): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key}`);
  return fetch(url, { ...init, headers });
}


export interface AuthCost {
  /** Per call of the authenticator with a stored key in its cache, microseconds. */
  cached: Stats;
  /** The same for the bootstrap admin key (a hash and a comparison). */
  bootstrap: Stats;
  /** A whole request over HTTP with the stored key ({ __typename }: no Neo4j work), milliseconds. */
  request: Stats;
  calls: number;
}

/**
 * Measures, in one run: the authenticator's cost per request on the hot path (a stored viewer
 * key, cached) and for the bootstrap key, and a whole HTTP request that does nothing else, for
 * scale. The key is revoked afterwards.
 */
export async function authCost(db: Db, graphqlUrl: string, calls = 20_000, requests = 500): Promise<AuthCost> {
  const { key, secret } = await createKey(db, { name: 'benchmark viewer', role: 'viewer' });
  const authenticator = createAuthenticator(db, { adminKey: BENCH_KEY });
  try {
    const time = async (s: string) => {
      await authenticator.authenticate(s); // the first call reads Neo4j; the rest are the hot path
      const samples: number[] = [];
      for (let i = 0; i < calls; i += 1) {
        const t = performance.now();
        await authenticator.authenticate(s);
        samples.push((performance.now() - t) * 1000);
      }
      return stats(samples);
    };
    const cached = await time(secret);
    const bootstrap = await time(BENCH_KEY);
    const samples: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      const t = performance.now();
      const res = await apiFetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }, secret);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`the benchmark's viewer key was refused: HTTP ${res.status}`);
      samples.push(performance.now() - t);
    }
    return { cached, bootstrap, request: stats(samples), calls };
  } finally {
    await authenticator.close();
    await revokeKey(db, key.id);
  }
}
