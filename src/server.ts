/**
 * The HTTP front: Fastify with Apollo's own integration. Routes live with their features
 * (`<feature>.http.ts`) and are registered here, in one place, behind the same principal, rate
 * limit, security headers and error handling.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteHandlerMethod } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { errorBody, installAuth, requireKey, requireRoute, sendError } from './auth/auth.http.js';
import { type Authenticator, createAuthenticator } from './auth/authenticator.js';
import { accessPlugin } from './auth/guard.js';
import { createLinkSigner, type LinkSigner } from './auth/links.js';
import { type Config, DEFAULT_GRAPHQL_LIMITS, type GraphqlLimits } from './config.js';
import { type Context, createContext, type Log } from './context.js';
import type { Db } from './db/driver.js';
import { DomainError, ErrorCode, isUnavailable, serviceUnavailable } from './errors.js';
import { wantsPage, webRoutes } from './web/web.http.js';
import { fsmaRoutes, isClientGone } from './fsma/fsma.http.js';
import { healthRoutes } from './health/health.http.js';
import { recallRoutes } from './recall/recall.http.js';
import { spreadsheetRoutes } from './spreadsheet/spreadsheet.http.js';
import { epcisRoutes } from './epcis/epcis.http.js';
import { CaptureQueue } from './epcis/capture.service.js';
import { compiledExecution } from './executor.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { createPartners, type Partners } from './partner/partner.service.js';
import { partnerRoutes } from './partner/partner.http.js';
import { buildSchema } from './schema.js';
import { type Admission, createAdmission } from './trace/admission.js';

/** Codes that describe the request itself (Apollo's and ours): shown to the client as they are. */
const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Client errors keep their code and message. A DomainError thrown while parsing a literal
 * (a DateTime that is not ISO 8601) keeps its own code. Neo4j out of reach is
 * SERVICE_UNAVAILABLE. Anything else is a fault: logged with its cause, sent as
 * INTERNAL_SERVER_ERROR with no internals.
 */
export function formatError(log: Pick<Log, 'error'>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const cause = (error as { originalError?: unknown })?.originalError;
    if (original instanceof DomainError || cause instanceof DomainError) {
      const domain = (original instanceof DomainError ? original : cause) as DomainError;
      const { http: _, ...extensions } = domain.extensions as Record<string, unknown>;
      return { ...formatted, message: domain.message, extensions };
    }
    if (isUnavailable(original)) {
      const unavailable = serviceUnavailable(original);
      return { message: unavailable.message, path: formatted.path, extensions: { code: unavailable.code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    log.error({ err: original }, 'internal error');
    return {
      message: 'Internal server error: the fault is logged on the server.',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * The HTTP status of an answer from its errors' codes: 503 (with Retry-After) when Neo4j does not
 * answer, and 400 rather than 500 for a request refused as malformed while it was parsed.
 */
function statusPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code);
          if (codes.includes(ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          } else if (response.http.status === 500 && codes.length > 0 && codes.every((c) => typeof c === 'string' && CLIENT_CODES.has(c))) {
            response.http.status = 400;
          }
        },
      };
    },
  };
}

/** The limits every operation is held to, as graphql-armor's validation rules and plugins. */
export function armorFor(limits: GraphqlLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // graphql-js's own parser counts tokens (parseOptions below) and fails with a 400; armor's
    // throws from a plugin hook, which Apollo answers with a 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: limits.maxDirectives },
    // Suggestions ("did you mean ...") would tell a key about fields its role cannot call; they
    // are taken out by Apollo's own hideSchemaDetailsFromClientErrors below, which rewrites only
    // validation errors (armor's plugin rewrites every error's message, and compiled execution's
    // errors keep theirs read-only).
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

export function createApolloServer(
  log: Pick<Log, 'error'> = console,
  limits: GraphqlLimits = DEFAULT_GRAPHQL_LIMITS,
  plugins: ApolloServerPlugin<Context>[] = [],
): ApolloServer<Context> {
  const armor = armorFor(limits);
  return new ApolloServer<Context>({
    gateway: compiledExecution(buildSchema()),
    formatError: formatError(log),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    hideSchemaDetailsFromClientErrors: true,
    // The process's shutdown (main.ts) stops the HTTP front and then Apollo. Apollo's own signal
    // handlers, on by default outside tests, stopped it concurrently and re-raised the signal
    // into ours, and the process never exited.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build, lotgraph loads its ES modules: the same plugin API.
      ...(armor.plugins as unknown as ApolloServerPlugin<Context>[]),
      accessPlugin(),
      statusPlugin(),
      // Apollo's own landing page loads its scripts from a CDN; lotgraph serves GraphiQL from its own assets.
      ApolloServerPluginLandingPageDisabled(),
      // lotgraph sets no cache hints, and the plugin would hook every field of every trace.
      ApolloServerPluginCacheControlDisabled(),
      ...plugins,
    ],
  });
}

export interface AppOptions {
  db: Db;
  config: Config;
  /** Fastify's logger: pino options, or false for none. */
  logger?: FastifyServerOptions['logger'];
}

export interface App {
  app: FastifyInstance;
  apollo: ApolloServer<Context>;
  authenticator: Authenticator;
  links: LinkSigner;
  /** The heavy-read queue (trace/admission.ts). */
  admission: Admission;
  metrics: Metrics;
  /**
   * GET /metrics on a port of its own when LOTGRAPH_METRICS_PORT is set (main.ts starts it, on
   * the same host as the API); null: /metrics is on the API's port, for admin keys.
   */
  metricsServer: FastifyInstance | null;
  /** Signing, traces across companies and recall notices. */
  partners: Partners;
  close(): Promise<void>;
}

/** Builds the whole HTTP service on a Db; `app.listen` starts it. */
export async function buildApp({ db, config, logger }: AppOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  const authenticator = createAuthenticator(db, { adminKey: config.adminKey });
  const links = createLinkSigner(config.linkSecret, config.linkTtlSeconds);
  const admission = createAdmission(config.heavyReads);
  const metrics = createMetrics(db, { slowMs: config.slowMs });
  const apollo = createApolloServer(app.log, config.graphqlLimits, [fastifyApolloDrainPlugin(app), admission.plugin, metrics.plugin]);
  await apollo.start();
  metrics.instrument(app);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      // The pages (web/) and the recall report use only their own assets.
      directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
    },
  });
  if (config.corsOrigins.length > 0) await app.register(cors, { origin: config.corsOrigins, allowedHeaders: ['authorization', 'content-type'] });
  await installAuth(app, { authenticator, links, rateLimits: config.rateLimits });

  app.setErrorHandler(async (error, req, reply) => {
    if (reply.sent || reply.raw.headersSent) {
      // Half-way through a body: break the connection off, so that the client sees a failed
      // transfer rather than a cut-off file that looks whole.
      if (!isClientGone(error)) req.log.error({ err: error }, 'failed half-way through a response');
      reply.raw.destroy();
      return;
    }
    if (error instanceof DomainError) return sendError(reply, error);
    if (isUnavailable(error)) {
      req.log.warn({ err: error }, 'Neo4j does not answer');
      return reply.code(503).header('retry-after', '5').send(errorBody(ErrorCode.SERVICE_UNAVAILABLE, serviceUnavailable(error).message));
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 429) {
      return reply.code(429).send(errorBody(ErrorCode.RATE_LIMITED, `This key sent more requests than its rate limit allows. ${(error as Error).message}.`));
    }
    if (status < 500) return reply.code(status).send(errorBody('BAD_REQUEST', (error as Error).message));
    req.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error: the fault is logged on the server.'));
  });
  app.setNotFoundHandler(async (req, reply) =>
    reply.code(404).send(errorBody(ErrorCode.NOT_FOUND, `No route ${req.method} ${req.url.split('?')[0]}; the API is at /graphql.`)),
  );

  const partners = await createPartners(db, config, app.log);
  const graphql = fastifyApolloHandler(apollo, {
    context: async (req) => createContext(db, { principal: req.principal, links, authenticator, log: req.log, metrics, idBase: config.idBase, partners }),
  }) as unknown as RouteHandlerMethod;
  const needKey = requireKey(db, config.graphqlLimits.maxTokens);
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    preHandler: async (req, reply) => (wantsPage(req) ? undefined : needKey.call(app, req, reply)),
    handler: async (req, reply) => (wantsPage(req) ? reply.redirect('/graphiql', 302) : graphql.call(app, req, reply)),
  });
  await app.register(healthRoutes, { db });
  await app.register(webRoutes);
  await app.register(fsmaRoutes, { db, authenticator, links });
  await app.register(recallRoutes, { db, authenticator, links });
  await app.register(spreadsheetRoutes, { db, authenticator, links });
  const captures = new CaptureQueue(db, config.idBase, app.log);
  await app.register(epcisRoutes, { db, queue: captures, idBase: config.idBase, authenticator, links });
  await app.register(partnerRoutes, { db, partners, idBase: config.idBase, authenticator, links });
  const scrape: RouteHandlerMethod = async (_req, reply) => {
    const { contentType, body } = await metrics.scrape();
    return reply.type(contentType).send(body);
  };
  let metricsServer: FastifyInstance | null = null;
  if (config.metricsPort === null) {
    app.get('/metrics', { preHandler: requireRoute('metrics', { authenticator, links }) }, scrape);
  } else {
    metricsServer = Fastify({ logger: false });
    metricsServer.get('/metrics', scrape);
  }

  return {
    app,
    apollo,
    authenticator,
    links,
    admission,
    metrics,
    metricsServer,
    partners,
    async close() {
      await app.close();
      await captures.drain();
      await partners.close();
      await metricsServer?.close();
      await apollo.stop();
      await authenticator.close();
    },
  };
}
