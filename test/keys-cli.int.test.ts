import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { cypherRows, uid, waitForStatus, withHttp } from './helpers.js';

const { db, http } = withHttp();

/** `npm run keys -- ...` as an operator runs it, against the tests' Neo4j. */
async function keys(...args: string[]) {
  const { uri, user, password } = inject('neo4j');
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/keys.ts', ...args], {
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('npm run keys', () => {
  it('creates a key whose secret is printed once and works, lists it without the secret, and revokes it', async () => {
    const name = uid('cli-key');
    const created = await keys('create', '--name', name, '--role', 'recorder');
    expect(created.code).toBe(0);
    const secret = /Secret, shown this once: (lg_\S+)/.exec(created.stdout)?.[1];
    const id = /Created (key_\w+)/.exec(created.stdout)?.[1];
    expect(secret).toBeDefined();
    expect((await http.gql('{ health { neo4j } }', {}, secret)).status).toBe(200);

    const listed = await keys('list');
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain(name);
    expect(listed.stdout).not.toContain(secret!.slice(10));

    const revoked = await keys('revoke', id!);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked ${id}`);
    const refused = await waitForStatus(async () => (await http.gql('{ health { neo4j } }', {}, secret)).status, 401);
    expect(refused.status).toBe(401);
    expect(refused.ms).toBeLessThan(5_000);
    // The command line's actions are audited too.
    const audit = await cypherRows(db, "MATCH (a:AuditRecord {keyId: 'cli'}) WHERE a.operation IN ['createApiKey', 'revokeApiKey'] RETURN count(a) AS n");
    expect(Number(audit[0]!.n)).toBeGreaterThanOrEqual(2);
  });

  it('refuses an unknown role and a missing name, saying why, and exits non-zero', async () => {
    const bad = await keys('create', '--name', 'x', '--role', 'superuser');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('role must be one of viewer, recorder, quality, admin');
    const usage = await keys('revoke');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage:');
  });
});
