import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseRateLimits, unsafeConfig } from '../config.js';
import { lotCodesOf } from './audit.js';
import { bootstrapAdminKey } from './bootstrap.js';
import { bearerOf, hashSecret, KEY_PREFIX, newSecret } from './keys.js';
import { createLinkSigner } from './links.js';

describe('keys', () => {
  it('are random, prefixed, 256 bits, and stored as a hash that does not show the key', () => {
    const a = newSecret();
    const b = newSecret();
    expect(a.startsWith(KEY_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(KEY_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(a)).not.toContain(a.slice(KEY_PREFIX.length, 12));
  });

  it('are read from "Bearer <key>" headers only', () => {
    expect(bearerOf('Bearer lg_abc')).toBe('lg_abc');
    expect(bearerOf('bearer   lg_abc ')).toBe('lg_abc');
    expect(bearerOf('Basic abc')).toBeNull();
    expect(bearerOf('Bearer')).toBeNull();
    expect(bearerOf(undefined)).toBeNull();
  });
});

describe('the bootstrap admin key', () => {
  it('is LOTGRAPH_ADMIN_KEY when set, else made once into a file only its owner can read, and kept', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lotgraph-')), 'sub', 'admin-key');
    expect(bootstrapAdminKey({ adminKey: 'lg_given', adminKeyFile: file })).toEqual({ key: 'lg_given', source: 'env' });
    const made = bootstrapAdminKey({ adminKey: null, adminKeyFile: file });
    expect(made.source).toBe('created');
    expect(made.key.startsWith(KEY_PREFIX)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(made.key);
    expect(bootstrapAdminKey({ adminKey: null, adminKeyFile: file })).toEqual({ key: made.key, source: 'file' });
  });
});

describe('signed links', () => {
  it('carry the key id and expire; a changed path, query or key id is refused', () => {
    let now = 1_000_000_000_000;
    const signer = createLinkSigner('secret', 60, () => now);
    const link = signer.sign('/fsma/export.xlsx?from=a&to=b', 'key_1');
    const url = (p: string) => new URL(p, 'http://x');
    expect(signer.verify(url(link))).toBe('key_1');
    expect(signer.verify(url(link.replace('from=a', 'from=c')))).toBeNull();
    expect(signer.verify(url(link.replace('key=key_1', 'key=key_2')))).toBeNull();
    expect(signer.verify(url(link.replace('/fsma/export.xlsx', '/fsma/shipping.csv')))).toBeNull();
    expect(signer.verify(url('/fsma/export.xlsx?from=a&to=b'))).toBeNull();
    expect(createLinkSigner('other', 60, () => now).verify(url(link))).toBeNull();
    now += 61_000;
    expect(signer.verify(url(link))).toBeNull();
  });
});

describe('configuration', () => {
  it('refuses to listen beyond loopback with the default Neo4j password', () => {
    expect(unsafeConfig(loadConfig({ HOST: '0.0.0.0' }))).toMatch(/NEO4J_PASSWORD/);
    expect(unsafeConfig(loadConfig({ HOST: '0.0.0.0', NEO4J_PASSWORD: 'a-real-one' }))).toBeNull();
    expect(unsafeConfig(loadConfig({}))).toBeNull();
  });

  it('reads rate limits per role, and refuses a role it does not know', () => {
    expect(parseRateLimits('partner=10, viewer=0')).toMatchObject({ partner: 10, viewer: 0, bootstrap: 0 });
    expect(() => parseRateLimits('partners=10')).toThrow(/unknown role/);
    expect(() => parseRateLimits('partner=-1')).toThrow(/whole number/);
  });
});

describe('the audit', () => {
  it('finds the lot codes an input names, at any depth', () => {
    expect(lotCodesOf({ input: { lotCodes: ['A', 'B'], inputs: [{ lotCode: 'C' }], outputs: [{ lotCode: 'A' }] } }).sort()).toEqual(['A', 'B', 'C']);
  });
});
