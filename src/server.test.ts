import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bootstrapPrincipal } from './auth/principal.js';
import { createLinkSigner } from './auth/links.js';
import { createContext } from './context.js';
import type { Db } from './db/driver.js';
import { createApolloServer } from './server.js';

/** A db that fails every statement the way a driver fault would, with internals in the message. */
const brokenDb = {
  roundTrips: 0,
  run: async () => {
    throw new Error('Neo.TransientError.General secret-host:7687 pool exhausted');
  },
  read: async () => {
    throw new Error('Neo.TransientError.General secret-host:7687 pool exhausted');
  },
  write: async () => {
    throw new Error('Neo.TransientError.General secret-host:7687 pool exhausted');
  },
  ping: async () => false,
  close: async () => undefined,
} as unknown as Db;

const log = { error: vi.fn(), info: vi.fn(), warn: vi.fn() };
const server = createApolloServer(log);
beforeAll(() => server.start());
afterAll(() => server.stop());

async function run(query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables }, {
    contextValue: createContext(brokenDb, { principal: bootstrapPrincipal, links: createLinkSigner(null, 60), log }),
  });
  if (response.body.kind !== 'single') throw new Error('single result expected');
  return response.body.singleResult;
}

describe('the GraphQL server', () => {
  it('shows a fault as INTERNAL_SERVER_ERROR without internals, and logs its cause', async () => {
    const result = await run('{ lot(code: "A") { code } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(result.errors![0].message).not.toMatch(/secret-host|Neo\./);
    expect(log.error).toHaveBeenCalled();
    expect(String(log.error.mock.calls.at(-1)![0].err)).toContain('secret-host');
  });

  it('refuses bad input before it reaches the database', async () => {
    const result = await run('{ traceForward(lotCode: "A", batchCode: "B") { truncated } }');
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const mutation = await run(
      'mutation($i: ShipmentInput!) { recordShipment(input: $i) { id } }',
      { i: { shipmentId: 'S', customerId: 'C', shippedAt: '2026-03-01T00:00:00Z', lines: [] } },
    );
    expect(mutation.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(mutation.errors![0].message).toBe('lines must list at least one entry.');
  });

  it('refuses a DateTime variable that is not ISO 8601 with BAD_USER_INPUT', async () => {
    const result = await run('mutation($t: DateTime!) { recordShipment(input: { shipmentId: "S", customerId: "C", shippedAt: $t, lines: [] }) { id } }', { t: '3 March' });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('keeps GraphQL validation errors as they are, without suggesting the fields a key may not know', async () => {
    const result = await run('{ lot(code: "A") { noSuchField } }');
    expect(result.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const near = await run('{ lot(code: "A") { cod } }');
    expect(near.errors![0].message).toBe('Cannot query field "cod" on type "Lot".');
  });

  it('executes compiled operations, with the same answers and errors as interpreted ones, many times over', async () => {
    for (let i = 0; i < 3; i += 1) {
      const result = await run('query($c: ID!) { lot(code: $c) { code } health { status } }', { c: 'A' });
      expect(result.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.errors![0].path).toEqual(['lot']);
      expect(result.data).toEqual({ lot: null, health: { status: 'degraded' } });
    }
    const badVariable = await run('query($c: ID!) { lot(code: $c) { code } }', { c: { no: 'object' } });
    expect(badVariable.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
