import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createDriver, type Db } from '../src/db/driver.js';
import { loadDemo } from '../src/demo/bakery.js';
import { connect, type Http, startHttp, TEST_ADMIN_KEY, uid, waitForStatus } from './helpers.js';
import { inject } from 'vitest';

let db: Db;
let http: Http;

beforeAll(async () => {
  db = connect();
  http = await startHttp(db);
});
afterAll(async () => {
  await http.close();
  await db.close();
});

describe('the HTTP front', () => {
  it('says on /health, without a key, only that it is up', async () => {
    const res = await fetch(`${http.base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'up' });
  });

  it('answers GraphQL over POST /graphql for a key, with a request id', async () => {
    const res = await http.gql('{ health { neo4j } lot(code: "no-such-lot") { code } }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { health: { neo4j: true }, lot: null } });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it('refuses GraphQL without a key, or with a bad one, with 401 UNAUTHENTICATED', async () => {
    for (const key of [null, 'lg_not-a-key-anyone-made', 'not even a bearer']) {
      const res = await http.gql('{ health { neo4j } }', {}, key);
      expect(res.status, String(key)).toBe(401);
      expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(res.body.data).toBeUndefined();
    }
    const malformed = await http.fetch('/graphql', { method: 'POST', headers: { authorization: 'Basic abc', 'content-type': 'application/json' }, body: '{"query":"{ health { neo4j } }"}' });
    expect(malformed.status).toBe(401);
  });

  it('serves its pages without a key, from its own assets only: a page is never cached, an asset (named by its content) for a year', async () => {
    const graphiql = await fetch(`${http.base}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(graphiql.status).toBe(302);
    expect(graphiql.headers.get('location')).toBe('/graphiql');
    expect((await fetch(`${http.base}/`, { redirect: 'manual' })).headers.get('location')).toBe('/trace');
    for (const page of ['trace', 'recalls', 'import', 'graphiql']) {
      const res = await fetch(`${http.base}/${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const html = await res.text();
      // Nothing from another address: every script and stylesheet is this server's.
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.length, page).toBeGreaterThanOrEqual(2);
      for (const asset of assets) {
        const a = await fetch(`${http.base}${asset}`);
        expect(a.status, asset).toBe(200);
        expect((await a.arrayBuffer()).byteLength).toBeGreaterThan(0);
        expect(a.headers.get('cache-control')).toContain('max-age=31536000');
        expect(a.headers.get('cache-control')).toContain('immutable');
      }
      // Security headers on every answer: scripts from this server only.
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const missing = await fetch(`${http.base}/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    await missing.body?.cancel();
  });

  it('leaves the pages and their assets out of the rate limits (a browser without a key loads dozens), but not GraphQL', async () => {
    const limited = await startHttp(db, { rateLimits: { anonymous: 5, viewer: 5, recorder: 5, quality: 5, admin: 5, partner: 5, bootstrap: 0 } });
    try {
      const html = await (await fetch(`${limited.base}/graphiql`)).text();
      const asset = /src="(\/assets\/[^"]+)"/.exec(html)![1];
      const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${limited.base}${i % 2 ? asset : '/trace'}`).then(async (r) => (await r.arrayBuffer(), r.status))));
      expect(new Set(statuses)).toEqual(new Set([200]));
      const anonymous = await Promise.all(Array.from({ length: 8 }, () => fetch(`${limited.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ health { neo4j } }"}' }).then(async (r) => (await r.arrayBuffer(), r.status))));
      expect(anonymous).toContain(429);
    } finally {
      await limited.close();
    }
  });

  it('refuses a body that is not JSON with 400, one over the size limit with 413, and an unknown path with 404', async () => {
    const bad = await http.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
    const huge = await http.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ lot(code: "${'x'.repeat(2 * 1024 * 1024)}") { code } }` }),
    });
    expect(huge.status).toBe(413);
    const nowhere = await http.fetch('/nowhere');
    expect(nowhere.status).toBe(404);
    expect((await nowhere.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('sends no CORS headers unless an allow-list is configured', async () => {
    const res = await http.fetch('/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await startHttp(db, { corsOrigins: ['https://dash.example'] });
    try {
      const pre = await allowed.fetch('/graphql', { method: 'OPTIONS', headers: { origin: 'https://dash.example', 'access-control-request-method': 'POST' } });
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://dash.example');
      const other = await allowed.fetch('/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await allowed.close();
    }
  });
});

describe('limits', () => {
  it('refuses operations beyond the depth, alias and token limits before running them', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: health { neo4j }`).join(' ')} }`;
    const tooMany = await http.gql(aliases(2000));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(tooMany.body.errors![0].message).toMatch(/tokens/);
    const many = await http.gql(aliases(100));
    expect(many.status).toBe(400);
    expect(many.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(many.body.errors![0].message).toMatch(/alias/i);
    expect((await http.gql(aliases(30))).status).toBe(200);
    let nested = 'code';
    for (let i = 0; i < 20; i += 1) nested = `producedBy { inputs { lot { ${nested} } } }`;
    const deep = await http.gql(`{ lot(code: "X") { ${nested} } }`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0].message).toMatch(/depth|cost/i);
  });

  it('answers 429 with Retry-After past a key\'s rate limit, and leaves the bootstrap admin key unlimited', async () => {
    const limited = await startHttp(db, { rateLimits: { anonymous: 3, partner: 3, viewer: 3, recorder: 3, quality: 3, admin: 3, bootstrap: 0 } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await limited.gql('{ health { neo4j } }', {}, null)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const over = await limited.gql('{ health { neo4j } }', {}, null);
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(over.body.errors![0].extensions!.code).toBe('RATE_LIMITED');
      for (let i = 0; i < 10; i += 1) expect((await limited.gql('{ health { neo4j } }', {}, TEST_ADMIN_KEY)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

/** A TCP proxy in front of Neo4j that a test can cut and restore: Neo4j as the service sees it going away. */
async function cuttableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    uri: `bolt://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('Neo4j going away under a running service', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while Neo4j is gone, and answers again by itself when it is back', async () => {
    const target = inject('neo4j');
    const proxy = await cuttableProxy(new URL(target.uri));
    const viaProxy = createDb(createDriver({ ...target, uri: proxy.uri }));
    const service = await startHttp(viaProxy);
    try {
      expect((await service.gql('{ lot(code: "x") { code } }')).status).toBe(200);
      proxy.cut();
      const down = await service.gql('{ lot(code: "x") { code } }');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.body.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
      expect((await fetch(`${service.base}/health`)).status).toBe(503);
      proxy.restore();
      expect((await waitForStatus(async () => (await service.gql('{ lot(code: "x") { code } }')).status, 200)).status).toBe(200);
      expect((await fetch(`${service.base}/health`)).status).toBe(200);
    } finally {
      await service.close();
      await viaProxy.close();
      await proxy.close();
    }
  });
});

describe('a read that runs too long', () => {
  it('is ended by Neo4j after the read timeout and answered SERVICE_UNAVAILABLE with 503, saying why', async () => {
    const slow = createDb(createDriver(inject('neo4j')), undefined, { readTimeoutMs: 200 });
    const service = await startHttp({
      ...slow,
      // A read that takes seconds, as a huge trace would, through the Db's own timed read.
      run: (statement, params) => slow.run({ name: 'slow', text: 'UNWIND range(1, 300000000) AS x RETURN count(x) AS n' }, params),
    } as Db);
    try {
      const res = await service.gql('{ lot(code: "x") { code } }');
      expect(res.status).toBe(503);
      expect(res.body.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.body.errors![0].message).toContain('LOTGRAPH_READ_TIMEOUT_MS');
    } finally {
      await service.close();
      await slow.close();
    }
  });
});

describe('downloads', () => {
  it('breaks off a download that fails half-way, so that no client takes a cut-off file for a whole one', async () => {
    await loadDemo(db, uid('HTTP'));
    // The real database, with its connection lost after a few rows of a streamed read.
    const failing: Db = {
      ...db,
      async *stream(statement, params, options) {
        let n = 0;
        for await (const row of db.stream(statement, params, options)) {
          if ((n += 1) > 3) throw new Error('Connection to Neo4j lost');
          yield row as never;
        }
      },
    };
    const service = await startHttp(failing);
    try {
      for (const file of ['shipping.csv', 'export.xlsx']) {
        // Failed before the first byte of the body: an error status; after it: the transfer breaks off.
        const outcome = await service
          .fetch(`/fsma/${file}?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z`)
          .then(async (res) => (res.status === 200 ? (await res.arrayBuffer(), 'received whole') : `refused with ${res.status}`))
          .catch(() => 'broken off');
        expect(['broken off', 'refused with 500'], file).toContain(outcome);
      }
      // The server goes on serving.
      expect((await fetch(`${service.base}/health`)).status).toBe(200);
    } finally {
      await service.close();
    }
  });
});
