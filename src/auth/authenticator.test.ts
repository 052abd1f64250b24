import { describe, expect, it } from 'vitest';
import type { Db } from '../db/driver.js';
import { createAuthenticator } from './authenticator.js';

/** A db whose key look-ups wait until released, answering with the key as it stood when asked. */
function slowKeys() {
  let revoked = false;
  const waiting: (() => void)[] = [];
  const db = {
    run: async () => {
      const answer = [{ key: { id: 'key_1', name: 'k', role: 'viewer', hint: 'lg_…', createdAt: '2026-01-01T00:00:00Z', revokedAt: revoked ? '2026-01-02T00:00:00Z' : null } }];
      await new Promise<void>((resolve) => waiting.push(resolve));
      return answer;
    },
    write: async () => [],
  } as unknown as Db;
  return { db, revoke: () => (revoked = true), release: () => waiting.splice(0).forEach((r) => r()) };
}

describe('the authenticator', () => {
  it('does not keep an answer that was on its way when this instance revoked the key', async () => {
    const { db, revoke, release } = slowKeys();
    const auth = createAuthenticator(db, { adminKey: null });
    try {
      const before = auth.authenticate('lg_secret');
      // The key is revoked here while the look-up above is still under way.
      revoke();
      auth.forget('key_1');
      release();
      expect((await before)?.keyId).toBe('key_1');
      const after = auth.authenticate('lg_secret');
      release();
      await new Promise((r) => setTimeout(r, 0));
      release();
      expect(await after).toBeNull();
    } finally {
      await auth.close();
    }
  });
});
