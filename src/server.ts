import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { type Context, createContext } from './context.js';
import type { Db } from './db/driver.js';
import { DomainError, ErrorCode } from './errors.js';
import { health } from './health/health.service.js';
import { downloadOf, filterFromQuery } from './fsma/fsma.http.js';
import { resolveFilter, writeExport } from './fsma/fsma.service.js';
import { DestinationClosed } from './fsma/workbook-thread.js';
import { buildReport, toCsv, toHtml } from './recall/recall.report.js';
import { buildSchema } from './schema.js';

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

export type Logger = Pick<Console, 'error' | 'info'>;

/**
 * Client errors keep their code and message. A DomainError thrown while parsing a literal
 * (a DateTime that is not ISO 8601) keeps its own code. Anything else is a fault: logged with
 * its cause, sent as INTERNAL_SERVER_ERROR with no internals.
 */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const cause = (error as { originalError?: unknown })?.originalError;
    if (original instanceof DomainError || cause instanceof DomainError) {
      const domain = (original instanceof DomainError ? original : cause) as DomainError;
      return { ...formatted, message: domain.message, extensions: { ...domain.extensions } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    log.error('Internal error:', original);
    return {
      message: 'Internal server error: the fault is logged on the server.',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

export function createApolloServer(log: Logger = console): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildSchema(),
    formatError: formatError(log),
    includeStacktraceInErrorResponses: false,
    plugins: [
      // Apollo's own landing page loads its scripts from a CDN; lotgraph serves its own explorer.
      ApolloServerPluginLandingPageDisabled(),
      // lotgraph sets no cache hints, and the plugin would hook every field of every trace.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}

const explorerPage = readFileSync(new URL('./explorer/explorer.html', import.meta.url), 'utf8');
const MAX_BODY = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('Request body over 10 MB.'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

/** The HTTP front: /graphql (Apollo), /health, and the explorer page for browsers. */
export function createHttpServer(apollo: ApolloServer<Context>, db: Db, log: Logger = console): http.Server {
  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/health') {
        const h = await health(db);
        return sendJson(res, h.neo4j ? 200 : 503, h);
      }
      const download = downloadOf(url.pathname);
      if (download && req.method === 'GET') {
        let filter;
        try {
          filter = await resolveFilter(db, filterFromQuery(url.searchParams));
        } catch (error) {
          if (error instanceof DomainError) {
            return sendJson(res, error.code === ErrorCode.NOT_FOUND ? 404 : 400, { error: error.message, code: error.code });
          }
          throw error;
        }
        const file = 'xlsx' in download ? 'fsma204.xlsx' : `fsma204-${download.csv.toLowerCase()}.csv`;
        res.writeHead(200, {
          'content-type': 'xlsx' in download ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${file}"`,
        });
        await writeExport(db, filter, 'xlsx' in download ? { xlsx: res } : { csv: { [download.csv]: res } });
        return;
      }
      const report = /^\/recalls\/([^/]+)\/report\.(csv|html)$/.exec(url.pathname);
      if (report && req.method === 'GET') {
        const id = decodeURIComponent(report[1]);
        try {
          const built = await buildReport(db, id);
          const csv = report[2] === 'csv';
          res.writeHead(200, {
            'content-type': csv ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8',
            ...(csv ? { 'content-disposition': `attachment; filename="recall-${id.replace(/[^\w.-]/g, '_')}.csv"` } : {}),
          });
          return res.end(csv ? toCsv(built) : toHtml(built));
        } catch (error) {
          if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return sendJson(res, 404, { error: error.message });
          throw error;
        }
      }
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/graphql' });
        return res.end();
      }
      if (url.pathname !== '/graphql') return sendJson(res, 404, { error: `No route ${url.pathname}; the API is at /graphql.` });
      if (req.method === 'GET' && !url.search && (req.headers.accept ?? '').includes('text/html')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(explorerPage);
      }

      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const raw = req.method === 'POST' ? await readBody(req) : '';
      let body: unknown = raw;
      if (raw && (headers.get('content-type') ?? '').includes('json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => createContext(db),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') return res.end(response.body.string);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      // A client that goes away during a download is no fault of ours.
      if (error instanceof DestinationClosed || (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
        return log.info(`Client went away: ${req.method} ${req.url}`);
      }
      if (status === 500) log.error('HTTP handler failed:', error);
      if (!res.headersSent) sendJson(res, status, { error: status === 500 ? 'Internal server error.' : (error as Error).message });
      // Half-way through a body: break the connection off, so that the client sees a failed
      // transfer rather than a cut-off file that looks whole.
      else res.destroy();
    }
  });
}
