import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/driver.js';
import { loadInstance, StatementRefused, verifyStatement } from './instance.js';

// With a key file, loading the instance asks nothing of the database.
const noDb = {} as Db;
const keyFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'lotgraph-instance-')), 'key.json');

describe('the instance key', () => {
  it('is made once in its file (mode 0600) and read back the same', async () => {
    const file = keyFile();
    const first = await loadInstance(noDb, { name: 'Mill', keyFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await loadInstance(noDb, { name: 'Mill', keyFile: file });
    expect(again.id).toBe(first.id);
    expect(first.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: first.id, alg: 'EdDSA' });
    expect(first.publicJwk).not.toHaveProperty('d');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('d');
  });

  it('seals a partner secret so that only this key opens it', async () => {
    const one = await loadInstance(noDb, { name: 'A', keyFile: keyFile() });
    const other = await loadInstance(noDb, { name: 'B', keyFile: keyFile() });
    const sealed = one.seal('lg_the-mills-key');
    expect(sealed).not.toContain('lg_the');
    expect(one.seal('lg_the-mills-key')).not.toBe(sealed);
    expect(one.open(sealed)).toBe('lg_the-mills-key');
    expect(() => other.open(sealed)).toThrow();
  });

  it('signs statements that verify with its public key, and refuses any other', async () => {
    const mill = await loadInstance(noDb, { name: 'Mill', keyFile: keyFile() });
    const bakery = await loadInstance(noDb, { name: 'Bakery', keyFile: keyFile() });
    const jws = await mill.sign('lotgraph.lineage/1', { tlc: 'F-1' }, bakery.id);
    const claims = await verifyStatement<{ tlc: string }>(jws, mill.publicJwk, { typ: 'lotgraph.lineage/1', aud: bakery.id });
    expect(claims).toMatchObject({ tlc: 'F-1', iss: mill.id, issName: 'Mill', aud: bakery.id });

    const refused = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(StatementRefused);
    await refused(verifyStatement(jws, bakery.publicJwk, { typ: 'lotgraph.lineage/1' }));
    await refused(verifyStatement(jws, mill.publicJwk, { typ: 'lotgraph.recallNotice/1' }));
    await refused(verifyStatement(jws, mill.publicJwk, { typ: 'lotgraph.lineage/1', aud: mill.id }));
    await refused(verifyStatement('not.a-jws', mill.publicJwk, { typ: 'lotgraph.lineage/1' }));
    await refused(verifyStatement(42, mill.publicJwk, { typ: 'lotgraph.lineage/1' }));
    // Tampered content.
    const [h, , s] = jws.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, tlc: 'F-2' })).toString('base64url');
    await refused(verifyStatement(`${h}.${forgedBody}.${s}`, mill.publicJwk, { typ: 'lotgraph.lineage/1' }));
    // The right key, but an old statement (a replay).
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1' };
    const old = await new CompactSign(new TextEncoder().encode(JSON.stringify({ typ: 'lotgraph.lineage/1', iss: 'k1', iat: Math.floor(Date.now() / 1000) - 3600 })))
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .sign(privateKey);
    await expect(verifyStatement(old, jwk, { typ: 'lotgraph.lineage/1' })).rejects.toThrow(/more than 300 s/);
  });
});
