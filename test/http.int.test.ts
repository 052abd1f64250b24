import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.js';
import type { Db } from '../src/db/driver.js';
import { createApolloServer, createHttpServer } from '../src/server.js';
import { connect } from './helpers.js';

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
