import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_ADMIN_KEY } from './helpers.js';

/** How the service starts: `npm start`'s fast path (TypeScript through tsx), or the compiled build. */
const ENTRY = {
  tsx: ['--import', 'tsx', 'src/main.ts'],
  dist: ['dist/main.js'],
} as const;

/** The service as it runs in production: its own process, NODE_ENV=production, against the tests' Neo4j. */
async function startService(entry: keyof typeof ENTRY = 'tsx'): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const { uri, user, password } = inject('neo4j');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let output = '';
  const child = spawn(process.execPath, [...ENTRY[entry]], {
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

describe('graceful shutdown', () => {
  it('lets a request that is in flight at SIGTERM complete, refuses new ones, then exits 0', async () => {
    const service = await startService();
    started.push(service.child);
    const body = JSON.stringify({ query: '{ health { neo4j version } }' });
    const url = new URL(`${service.base}/graphql`);
    // The request's headers and half its body are sent before SIGTERM, the rest after it.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${TEST_ADMIN_KEY}` } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        service.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 1500);
      }, 500);
    });
    const exited = once(service.child, 'exit');
    await new Promise((r) => setTimeout(r, 1000));
    // Between SIGTERM and the end of the open request, a new connection is not accepted.
    await expect(fetch(`${service.base}/health`)).rejects.toThrow();
    const { status, text } = await answer;
    expect(status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ data: { health: { neo4j: true } } });
    expect((await exited)[0], service.output()).toBe(0);
  }, 60_000);
});

describe('the compiled build', () => {
  beforeAll(() => {
    // `npm run build` as the Docker image's build stage runs it.
    execFileSync('npm', ['run', 'build'], { stdio: 'pipe' });
  }, 120_000);

  it('emits dist/main.js with the assets the code reads beside it, and no tests', () => {
    for (const file of ['dist/main.js', 'dist/fsma/xlsx.worker.mjs', 'web/dist/trace.html', 'web/dist/recalls.html', 'web/dist/graphiql.html']) {
      expect(existsSync(file), file).toBe(true);
    }
    expect(existsSync('dist/units.test.js')).toBe(false);
  });

  it('serves GraphQL, the pages and the FSMA export from node dist/main.js, without tsx', async () => {
    const service = await startService('dist');
    started.push(service.child);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` };
    const answered = await fetch(`${service.base}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ health { neo4j version } }' }),
    });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ data: { health: { neo4j: true } } });
    const page = await fetch(`${service.base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.url).toBe(`${service.base}/graphiql`);
    const html = await page.text();
    expect(html).toContain('<html');
    const script = /src="(\/assets\/graphiql-[^"]+\.js)"/.exec(html)![1];
    // Read whole: a response left half-read would hold the connection open past SIGTERM's grace.
    const asset = await fetch(`${service.base}${script}`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    // The spreadsheet is written by the worker thread (xlsx.worker.mjs), found beside the compiled code.
    const sheet = await fetch(`${service.base}/fsma/export.xlsx?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z`, { headers });
    expect(sheet.status, await sheet.clone().text()).toBe(200);
    expect(Buffer.from(await sheet.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const exited = once(service.child, 'exit');
    service.child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  }, 60_000);
});
