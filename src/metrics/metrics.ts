/**
 * What an operations team scrapes: GET /metrics in Prometheus's text format, from prom-client
 * (one registry per service, so that two services in one process, as in the tests, never share
 * counters). Requests and latency per route and per GraphQL operation, errors by code, records
 * written per mutation, trace sizes, Neo4j sessions in use against the pool, exports, and Node's
 * own process figures. Operations slower than `slowMs` are logged at warn with their timing.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Context } from '../context.js';
import type { Db } from '../db/driver.js';
import { POOL_SIZE } from '../db/driver.js';

/** Latency buckets in seconds: a lot lookup takes milliseconds, an export of a year tens of seconds. */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Operation names come from clients: beyond this many distinct ones, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface Metrics {
  readonly registry: Registry;
  /** Counts and times every GraphQL operation; logs the slow ones. */
  readonly plugin: ApolloServerPlugin<Context>;
  /** Counts and times every HTTP request by route (and the exports among them). */
  instrument(app: FastifyInstance): void;
  /** A trace answered, with the number of lots it reached. */
  traced(direction: string, lots: number): void;
  /** The Prometheus text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export function createMetrics(db: Db, options: { slowMs: number }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lotgraph_' });

  const httpRequests = new Counter({
    name: 'lotgraph_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpSeconds = new Histogram({
    name: 'lotgraph_http_request_duration_seconds',
    help: 'Time from a request to its answer, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const operations = new Counter({
    name: 'lotgraph_graphql_operations_total',
    help: 'GraphQL operations answered, by operation name, type (query, mutation) and outcome (ok, error).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const operationSeconds = new Histogram({
    name: 'lotgraph_graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'lotgraph_graphql_errors_total',
    help: 'Errors in GraphQL answers, by their code (the codes of the API contract).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const written = new Counter({
    name: 'lotgraph_mutations_total',
    help: 'Mutation fields that completed without error (records written), by field: receiveLot, recordProduction, recordShipment, ...',
    labelNames: ['field'] as const,
    registers: [registry],
  });
  const traceLots = new Histogram({
    name: 'lotgraph_trace_lots',
    help: 'Lots reached by a trace, by direction.',
    labelNames: ['direction'] as const,
    buckets: [1, 5, 10, 50, 100, 500, 1000, 5000, 10000, 50000],
    registers: [registry],
  });
  const exports = new Counter({
    name: 'lotgraph_exports_total',
    help: 'Downloads served whole (FSMA 204 spreadsheet and CSVs, recall reports), by file.',
    labelNames: ['file'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'lotgraph_neo4j_sessions_in_use',
    help: `Neo4j sessions open now; each holds one of the driver's ${POOL_SIZE} pooled connections while it runs.`,
    registers: [registry],
    collect() {
      this.set(db.openSessions);
    },
  });
  new Gauge({
    name: 'lotgraph_neo4j_pool_size',
    help: 'The most connections the driver opens to Neo4j.',
    registers: [registry],
    collect() {
      this.set(POOL_SIZE);
    },
  });
  let statementsSeen = 0;
  new Counter({
    name: 'lotgraph_neo4j_statements_total',
    help: 'Cypher statements sent to Neo4j (each one Bolt round trip).',
    registers: [registry],
    collect() {
      this.inc(db.roundTrips - statementsSeen);
      statementsSeen = db.roundTrips;
    },
  });

  const names = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation, operationName, request, contextValue }) {
          if (response.body.kind !== 'single') return;
          const seconds = (performance.now() - started) / 1000;
          const operationNameLabel = operationLabel(operationName ?? request.operationName);
          const type = operation?.operation ?? 'unknown';
          const found = response.body.singleResult.errors ?? [];
          operations.inc({ operation: operationNameLabel, type, outcome: found.length > 0 ? 'error' : 'ok' });
          operationSeconds.observe({ operation: operationNameLabel, type }, seconds);
          for (const e of found) errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
          if (operation?.operation === 'mutation') countWritten(operation, found.map((e) => e.path?.[0]));
          if (seconds * 1000 >= options.slowMs) {
            contextValue.log.warn({ operation: operationName ?? request.operationName ?? null, type, ms: Math.round(seconds * 1000), errors: found.length }, 'slow GraphQL operation');
          }
        },
      };
    },
  };

  const countWritten = (operation: OperationDefinitionNode, failed: unknown[]) => {
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const key = selection.alias?.value ?? selection.name.value;
      if (!failed.includes(key)) written.inc({ field: selection.name.value });
    }
  };

  return {
    registry,
    plugin,
    instrument(app) {
      app.addHook('onResponse', async (req, reply) => {
        const route = req.routeOptions.url ?? 'unmatched';
        const seconds = reply.elapsedTime / 1000;
        httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) });
        httpSeconds.observe({ method: req.method, route }, seconds);
        if (reply.statusCode === 200 && route === '/fsma/:file') exports.inc({ file: `fsma/${(req.params as { file: string }).file}` });
        if (reply.statusCode === 200 && route === '/recalls/:id/report.:format') exports.inc({ file: `recall/report.${(req.params as { format: string }).format}` });
        if (route !== '/graphql' && seconds * 1000 >= options.slowMs) {
          req.log.warn({ route, status: reply.statusCode, ms: Math.round(seconds * 1000) }, 'slow request');
        }
      });
    },
    traced(direction, lots) {
      traceLots.observe({ direction }, lots);
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
