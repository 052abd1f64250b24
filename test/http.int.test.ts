import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.js';
import type { Db } from '../src/db/driver.js';
import { createApolloServer, createHttpServer } from '../src/server.js';
import { loadDemo } from '../src/demo/bakery.js';
import { connect, uid } from './helpers.js';

let db: Db;
let apollo: ApolloServer<Context>;
let http: Server;
let base: string;

beforeAll(async () => {
  db = connect();
  apollo = createApolloServer();
  await apollo.start();
  http = createHttpServer(apollo, db);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await apollo.stop();
  await db.close();
});

describe('the HTTP front', () => {
  it('says on /health that Neo4j answers', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', neo4j: true });
  });

  it('answers GraphQL over POST /graphql', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { neo4j } lot(code: "no-such-lot") { code } }' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { health: { neo4j: true }, lot: null } });
  });

  it('serves its own explorer page to a browser, with no address outside this server', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>lotgraph GraphQL</title>');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('refuses a body that is not JSON with 400, and an unknown path with 404', async () => {
    const bad = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});

describe('/health without Neo4j', () => {
  it('answers 503 and says Neo4j does not answer', async () => {
    const { createDb, createDriver } = await import('../src/db/driver.js');
    const down = createDb(createDriver({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x' }));
    const server = createHttpServer(apollo, down);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'degraded', neo4j: false });
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await down.close();
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
    const server = createHttpServer(apollo, failing, { error: () => undefined, info: () => undefined });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const file of ['shipping.csv', 'export.xlsx']) {
        // Broken off before the first byte of the body or after it: either way the transfer fails.
        const outcome = await fetch(`${at}/fsma/${file}?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z`)
          .then((res) => res.arrayBuffer())
          .then(() => 'received whole', () => 'broken off');
        expect(outcome, file).toBe('broken off');
      }
      // The server goes on serving.
      expect((await fetch(`${at}/health`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
