import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Http, startHttp, testConfig, uid } from './helpers.js';
import { chain, storeGraph } from './fixtures/graphs.js';
import type { Db } from '../src/db/driver.js';
import { buildApp } from '../src/server.js';

/** The value of one sample in Prometheus text, 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

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

const scrape = async () => {
  const res = await http.fetch('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

describe('GET /metrics', () => {
  it('is for admin keys only on the API port', async () => {
    expect((await http.fetch('/metrics', { key: null })).status).toBe(401);
    const viewer = await http.gql('mutation { createApiKey(input: { name: "metrics viewer", role: VIEWER }) { secret } }');
    expect((await http.fetch('/metrics', { key: viewer.body.data.createApiKey.secret })).status).toBe(403);
  });

  it('counts operations by name and outcome, errors by code, records written, trace sizes and routes', async () => {
    const p = uid('MET');
    await storeGraph(db, chain(p, 20));
    const before = await scrape();
    const trace = await http.gql(`query MetricsTrace($lot: ID) { traceForward(lotCode: $lot) { lots { lot { code } } } }`, { lot: `${p}L0` });
    expect(trace.body.data.traceForward.lots).toHaveLength(21);
    const missing = await http.gql(`query MetricsMissing { traceBackward(lotCode: "${p}-NONE") { lots { depth } } }`);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const write = await http.gql(`mutation MetricsWrite { a: upsertSupplier(input: { id: "${p}S1", name: "Mill" }) { id } b: upsertSupplier(input: { id: "${p}S2", name: "" }) { id } }`);
    expect((write.body.errors?.[0] as { path?: unknown })?.path).toEqual(['b']);
    const after = await scrape();

    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('lotgraph_graphql_operations_total{operation="MetricsTrace",type="query",outcome="ok"}')).toBe(1);
    expect(delta('lotgraph_graphql_operations_total{operation="MetricsMissing",type="query",outcome="error"}')).toBe(1);
    expect(delta('lotgraph_graphql_operations_total{operation="MetricsWrite",type="mutation",outcome="error"}')).toBe(1);
    expect(delta('lotgraph_graphql_operation_duration_seconds_count{operation="MetricsTrace",type="query"}')).toBe(1);
    expect(delta('lotgraph_graphql_errors_total{code="NOT_FOUND"}')).toBe(1);
    expect(delta('lotgraph_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    // Only the aliased field that succeeded wrote a record.
    expect(delta('lotgraph_mutations_total{field="upsertSupplier"}')).toBe(1);
    expect(delta('lotgraph_trace_lots_count{direction="forward"}')).toBe(1);
    expect(delta('lotgraph_trace_lots_sum{direction="forward"}')).toBe(21);
    expect(delta('lotgraph_http_requests_total{method="POST",route="/graphql",status="200"}')).toBeGreaterThanOrEqual(3);
    expect(delta('lotgraph_neo4j_statements_total')).toBeGreaterThan(0);
    expect(sample(after, 'lotgraph_neo4j_pool_size')).toBe(100);
    expect(after).toContain('lotgraph_neo4j_sessions_in_use');
    expect(after).toContain('lotgraph_process_resident_memory_bytes');
  });

  it('counts a whole FSMA export download', async () => {
    const before = await scrape();
    const res = await http.fetch('/fsma/receiving.csv?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z');
    expect(res.status).toBe(200);
    await res.text();
    const after = await scrape();
    expect(sample(after, 'lotgraph_exports_total{file="fsma/receiving.csv"}') - sample(before, 'lotgraph_exports_total{file="fsma/receiving.csv"}')).toBe(1);
  });

  it('keeps client-chosen operation names from growing without bound', async () => {
    await http.gql('query weird_name_with_too_many_characters_to_be_a_label_in_prometheus_metrics_really_yes { health { neo4j } }');
    const text = await scrape();
    expect(text).not.toContain('weird_name_with_too_many');
    expect(sample(text, 'lotgraph_graphql_operations_total{operation="other",type="query",outcome="ok"}')).toBeGreaterThanOrEqual(1);
  });
});

describe('LOTGRAPH_METRICS_PORT and slow operations', () => {
  it('serves /metrics on a port of its own without a key, not on the API port, and logs slow operations with their timing', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const service = await buildApp({ db, config: testConfig({ metricsPort: 0, slowMs: 0 }), logger: { level: 'warn', stream } });
    try {
      await service.app.listen({ port: 0, host: '127.0.0.1' });
      await service.metricsServer!.listen({ port: 0, host: '127.0.0.1' });
      const api = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
      const metrics = `http://127.0.0.1:${(service.metricsServer!.server.address() as AddressInfo).port}`;
      const res = await fetch(`${api}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${testConfig().adminKey}`, 'x-request-id': 'slow-op-1' },
        body: JSON.stringify({ query: 'query SlowOne { health { neo4j } }' }),
      });
      expect(res.status).toBe(200);
      expect((await fetch(`${api}/metrics`, { headers: { authorization: `Bearer ${testConfig().adminKey}` } })).status).toBe(404);
      const text = await (await fetch(`${metrics}/metrics`)).text();
      expect(sample(text, 'lotgraph_graphql_operations_total{operation="SlowOne",type="query",outcome="ok"}')).toBe(1);
      const slow = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'slow GraphQL operation');
      expect(slow).toMatchObject({ level: 40, operation: 'SlowOne', type: 'query', reqId: 'slow-op-1' });
      expect(typeof slow.ms).toBe('number');
    } finally {
      await service.close();
    }
  });
});
