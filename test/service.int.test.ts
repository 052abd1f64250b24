import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { TEST_ADMIN_KEY } from './helpers.js';

/** `npm start` as it runs in production: its own process, NODE_ENV=production, against the tests' Neo4j. */
async function startService(): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const { uri, user, password } = inject('neo4j');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, PORT: String(port), HOST: '127.0.0.1', LOTGRAPH_ADMIN_KEY: TEST_ADMIN_KEY, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i += 1) {
    if (child.exitCode !== null) throw new Error(`the service exited during start-up:\n${output}`);
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return { child, base, output: () => output };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the service did not answer /health in 30 s:\n${output}`);
}

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('the service process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('finishes and exits 0 on %s', async (signal) => {
    const service = await startService();
    started.push(service.child);
    const answered = await fetch(`${service.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query: '{ health { neo4j } }' }),
    });
    expect(answered.status).toBe(200);
    const exited = once(service.child, 'exit');
    const t0 = Date.now();
    service.child.kill(signal);
    const timeout = new Promise((r) => setTimeout(() => r(['timeout']), 15_000));
    const [code] = (await Promise.race([exited, timeout])) as [number | string];
    expect(code, service.output()).toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(service.output()).toContain(`${signal}: finishing open requests, then stopping.`);
  }, 60_000);
});
