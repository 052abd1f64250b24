import { randomInt, randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, inject } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createLinkSigner } from '../src/auth/links.js';
import { bootstrapPrincipal, type Principal } from '../src/auth/principal.js';
import { type Config, loadConfig } from '../src/config.js';
import { type Context, createContext } from '../src/context.js';
import { checkDigit } from '../src/gs1/identifiers.js';
import { writes } from '../src/db/cypher.js';
import { type Db, createDb, createDriver } from '../src/db/driver.js';
import { type App, buildApp, createApolloServer } from '../src/server.js';

/** A Db on the Neo4j that global-setup found. */
export function connect(): Db {
  // Every integration test checks the access mode of every statement it makes lotgraph send.
  return createDb(createDriver(inject('neo4j')), undefined, { strictWrites: true });
}

/** A prefix no other test uses: tests share one database and never meet each other's records. */
export const uid = (label = 'T') => `${label}-${randomUUID().slice(0, 8)}-`;

/** A GTIN-13 with a right check digit that no other test (of this run or an earlier one) has used. */
export function newGtin13(): string {
  const body = `9${randomInt(0, 1e11).toString().padStart(11, '0')}`;
  return body + checkDigit(body);
}

export interface GqlResult<T = any> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface Api {
  server: ApolloServer<Context>;
  /**
   * Runs an operation as a client would, with a new context (and loaders) per call, as the
   * bootstrap admin unless another principal is given.
   */
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: Principal | null): Promise<GqlResult<T>>;
}

const quiet = { error: () => undefined, info: () => undefined, warn: () => undefined };
const testLinks = createLinkSigner('test-link-secret', 600);

export async function startApi(db: Db, log: Pick<Console, 'error' | 'info'> = console): Promise<Api> {
  const server = createApolloServer(log);
  await server.start();
  return {
    server,
    async gql(query, variables, as = bootstrapPrincipal) {
      const contextValue = createContext(db, { principal: as, links: testLinks, log: quiet });
      const response = await server.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('Expected a single result.');
      return response.body.singleResult as GqlResult;
    },
  };
}

/** An object that stands for one made in beforeAll, forwarding to it once it is there. */
const late = <T extends object>(get: () => T | undefined, name: string) =>
  new Proxy({} as T, {
    get(_, key) {
      const target = get();
      if (!target) throw new Error(`${name} is used before beforeAll has run.`);
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

/**
 * Opens a Db and an API on it before the file's tests and closes them after. The two returned
 * objects stand for them (they forward to the real ones once beforeAll has run), so that a test
 * file can write `const { db, api } = withApi();` at its top.
 */
export function withApi(): { db: Db; api: Api } {
  let db: Db | undefined;
  let api: Api | undefined;
  beforeAll(async () => {
    db = connect();
    api = await startApi(db);
  });
  afterAll(async () => {
    await api?.server.stop();
    await db?.close();
  });
  return { db: late(() => db, 'db'), api: late(() => api, 'api') };
}

/** The error code of the first error, for terse assertions. */
export const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;

/** Runs one ad-hoc Cypher statement (for assertions about what is stored, and fixtures). */
export async function cypherRows<T = Record<string, any>>(db: Db, text: string, params: Record<string, unknown> = {}) {
  const statement = { name: 'test', text };
  return writes(text) ? db.write((tx) => tx.run<T>(statement, params)) : db.read((tx) => tx.run<T>(statement, params));
}

/**
 * Everything stored under a prefix: nodes and relationships with all their properties. Two equal
 * snapshots prove that an operation wrote nothing.
 */
export async function snapshot(db: Db, prefix: string): Promise<string> {
  const rows = await cypherRows(
    db,
    `MATCH (n) WHERE any(k IN ['code', 'id'] WHERE n[k] STARTS WITH $prefix)
     OPTIONAL MATCH (n)-[r]-()
     WITH n, collect(DISTINCT [type(r), properties(r), elementId(startNode(r)), elementId(endNode(r))]) AS rels
     RETURN labels(n) AS labels, properties(n) AS props, rels ORDER BY coalesce(n.code, n.id)`,
    { prefix },
  );
  const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  return json(rows.map((r) => ({ ...r, rels: (r.rels as unknown[]).map(json).sort() })));
}

/** The admin key of the HTTP services that tests start. */
export const TEST_ADMIN_KEY = 'lg_test-admin-key-for-integration-tests-only';

/** The config of a service that tests start: the test admin key, quiet logs, and what the test adds. */
export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({}),
  adminKey: TEST_ADMIN_KEY,
  logLevel: 'silent',
  // The same secret as the links that `startApi` signs, so that the HTTP service follows them.
  linkSecret: 'test-link-secret',
  ...overrides,
});

export interface Http extends App {
  base: string;
  /** fetch on the service, with the admin key unless the init sets its own Authorization (or null for none). */
  fetch(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  /** A GraphQL request over HTTP with a key (the admin key unless another is given; null: none). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<{ status: number; body: GqlResult<T>; headers: Headers }>;
}

/** Starts the whole HTTP service on a loopback port. */
export async function startHttp(db: Db, overrides: Partial<Config> = {}): Promise<Http> {
  const app = await buildApp({ db, config: testConfig(overrides), logger: false });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
  const doFetch = (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const { key = TEST_ADMIN_KEY, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (key && !headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
    return fetch(base + path, { ...rest, headers });
  };
  return {
    ...app,
    base,
    fetch: doFetch,
    async gql(query, variables, key = TEST_ADMIN_KEY) {
      const res = await doFetch('/graphql', {
        method: 'POST',
        key,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GqlResult, headers: res.headers };
    },
  };
}

/**
 * withApi, plus the whole HTTP service on it: `const { db, api, http } = withHttp();` at a test
 * file's top (the objects forward to the real ones once beforeAll has run).
 */
export function withHttp(): { db: Db; api: Api; http: Http } {
  const { db, api } = withApi();
  let http: Http | undefined;
  beforeAll(async () => {
    http = await startHttp(db);
  });
  afterAll(async () => {
    await http?.close();
  });
  return { db, api, http: late(() => http, 'http') };
}

/** Asks `status()` every 100 ms until it gives `want` or `withinMs` has passed; gives the last answer and the time taken. */
export async function waitForStatus(status: () => Promise<number>, want: number, withinMs = 10_000): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  let last = await status();
  while (last !== want && Date.now() - started < withinMs) {
    await new Promise((r) => setTimeout(r, 100));
    last = await status();
  }
  return { status: last, ms: Date.now() - started };
}

export { scratchLauncher } from './launchers.js';
