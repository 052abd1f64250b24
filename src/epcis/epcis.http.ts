/**
 * The EPCIS 2.0 REST binding's capture interface:
 * - POST /epcis/capture: an EPCISDocument (JSON-LD). It is checked against the official JSON
 *   Schema at once (400 with problem JSON naming each fault by its JSON pointer); then the answer
 *   is 202 with Location: /epcis/capture/{id}, and the capture job checks lotgraph's rules and
 *   writes, all of the document or nothing.
 * - GET /epcis/capture/{id}: the job: running, success, and the problems that refused it.
 * - POST /epcis/events: one event, captured before the answer: 201 with Location
 *   /epcis/events/{eventID}, 200 when it was captured before, or problem JSON.
 * - GET /epcis/events/{eventID}: a captured event as it came.
 * - GET /epcis/events: the query interface (eventType, GE_eventTime, LT_eventTime, EQ_bizStep,
 *   MATCH_epcClass, perPage, nextPageToken): an EPCISQueryDocument, the next page in a Link header.
 *   A partner's key gets its own events only.
 * - GET /epcis/export?lotCode=... | ?from=...&to=...: one EPCISDocument with every event a trace
 *   from the lot reaches (or of the range), and the places' and products' master data.
 * A recorder's key captures; any key of the company reads a job.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AuthOptions } from '../auth/auth.http.js';
import { requireRoute } from '../auth/auth.http.js';
import { OK, recordAlone } from '../auth/audit.js';
import type { Db } from '../db/driver.js';
import { scopeParam } from '../auth/principal.js';
import { DomainError, ErrorCode } from '../errors.js';
import { EVENT_TYPES, exportDocument, parseQuery, queryDocument, queryEvents } from './query.service.js';
import { eventsOf, identity, type JsonObject, type Problem } from './capture.mapping.js';
import * as captureRepository from './capture.repository.js';
import { type CaptureQueue, captureDocument, CaptureRejected, schemaCheck } from './capture.service.js';

/** A capture's body limit: a 50,000-event document is about 40 MB. */
export const CAPTURE_LIMIT = 256 * 1024 * 1024;
/** Events per document (the binding's GS1-EPCIS-Capture-Limit). */
export const CAPTURE_EVENTS = 100_000;

const PROBLEM = 'application/problem+json';

/** RFC 7807 problem details, as the EPCIS REST binding types them. */
export function sendProblem(reply: FastifyReply, status: number, type: string, title: string, errors: Problem[] = [], detail?: string) {
  return reply
    .code(status)
    .type(PROBLEM)
    .send({ type: `epcisException:${type}`, title, status, detail: detail ?? `${errors.length} problem(s); nothing was captured.`, instance: reply.request.url.split('?')[0], errors });
}

const rejected = (reply: FastifyReply, error: CaptureRejected) =>
  sendProblem(reply, error.bySchema ? 400 : 422, 'ValidationException', error.bySchema ? 'The document does not match the EPCIS 2.0 JSON Schema.' : 'The events break lotgraph\'s rules.', error.problems);

export const epcisRoutes: FastifyPluginAsync<{ db: Db; queue: CaptureQueue; idBase: string } & Pick<AuthOptions, 'authenticator' | 'links'>> = async (
  app,
  { db, queue, idBase, ...auth },
) => {
  app.addContentTypeParser(['application/ld+json'], { parseAs: 'string', bodyLimit: CAPTURE_LIMIT }, app.getDefaultJsonParser('error', 'error'));
  app.addHook('onSend', async (_req, reply) => {
    reply.header('GS1-EPCIS-Version', '2.0.0').header('GS1-CBV-Version', '2.0.0');
  });
  // A body that is not JSON, or too large: problem JSON too.
  app.setErrorHandler(async (error, req, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) return sendProblem(reply, 413, 'CaptureLimitExceededException', `A capture is at most ${CAPTURE_LIMIT / 1024 / 1024} MB.`, [], (error as Error).message);
    if (error instanceof DomainError) {
      const notFound = error.code === ErrorCode.NOT_FOUND;
      return sendProblem(reply, notFound ? 404 : 400, notFound ? 'NoSuchResourceException' : 'QueryParameterException', error.message, [], error.message);
    }
    if (status === 400 || status === 415) return sendProblem(reply, status, 'ValidationException', 'The body is not an EPCIS document in JSON.', [], (error as Error).message);
    throw error;
  });
  const by = (req: { principal?: { keyId: string; name: string } | null }) => (req.principal ? { keyId: req.principal.keyId, name: req.principal.name } : null);

  app.post('/epcis/capture', { preHandler: requireRoute('epcisCapture', auth), bodyLimit: CAPTURE_LIMIT }, async (req, reply) => {
    const document = req.body as JsonObject;
    if (!document || typeof document !== 'object' || document.type !== 'EPCISDocument') {
      return sendProblem(reply, 400, 'ValidationException', 'POST /epcis/capture takes an EPCISDocument; send one event to /epcis/events.', [{ pointer: '/type', detail: 'is not "EPCISDocument"', code: 'BAD_USER_INPUT' }]);
    }
    const events = eventsOf(document).length;
    if (events > CAPTURE_EVENTS) return sendProblem(reply, 413, 'CaptureLimitExceededException', `A document holds at most ${CAPTURE_EVENTS} events; this one holds ${events}.`);
    const bySchema = schemaCheck(document);
    if (bySchema.length > 0) {
      await recordAlone(db, req.principal, 'epcis:capture', { events, problems: bySchema.length }, 'BAD_USER_INPUT', req.log);
      return rejected(reply, new CaptureRejected(bySchema, true));
    }
    const id = await queue.enqueue(document, by(req), async (summary, problems) => {
      await recordAlone(db, req.principal, 'epcis:capture', { events, ...(summary ? { summary } : { problems: problems.length }) }, problems.length === 0 ? OK : problems[0].code, req.log);
    });
    return reply.code(202).header('location', `/epcis/capture/${id}`).header('GS1-EPCIS-Capture-Limit', String(CAPTURE_EVENTS)).send({ captureID: id });
  });

  app.get<{ Params: { id: string } }>('/epcis/capture/:id', { preHandler: requireRoute('epcisCaptureJob', auth) }, async (req, reply) => {
    const job = await queue.job(req.params.id);
    if (!job) return sendProblem(reply, 404, 'NoSuchResourceException', `No capture has the id ${req.params.id}.`, [], 'Capture ids are given by POST /epcis/capture.');
    return reply.send(job);
  });

  app.post('/epcis/events', { preHandler: requireRoute('epcisCapture', auth) }, async (req, reply) => {
    const event = req.body as JsonObject;
    if (!event || typeof event !== 'object' || !EVENT_TYPES.includes(String(event.type))) {
      return sendProblem(reply, 400, 'ValidationException', 'POST /epcis/events takes one EPCIS event; send documents to /epcis/capture.', [{ pointer: '/type', detail: 'is not an EPCIS event type', code: 'BAD_USER_INPUT' }]);
    }
    try {
      const summary = await captureDocument(db, event, { idBase, by: by(req) });
      const { eventId } = identity(event, event['@context'] ?? null);
      await recordAlone(db, req.principal, 'epcis:event', { eventId, summary }, OK, req.log);
      return reply.code(summary.repeats > 0 ? 200 : 201).header('location', `/epcis/events/${encodeURIComponent(eventId)}`).send({ eventID: eventId, ...summary });
    } catch (error) {
      if (!(error instanceof CaptureRejected)) throw error;
      await recordAlone(db, req.principal, 'epcis:event', { problems: error.problems.length }, error.problems[0]?.code ?? 'BAD_USER_INPUT', req.log);
      return rejected(reply, error);
    }
  });

  app.get<{ Params: { eventId: string } }>('/epcis/events/:eventId', { preHandler: requireRoute('epcisCaptureJob', auth) }, async (req, reply) => {
    const body = await captureRepository.eventBody(db, req.params.eventId);
    if (!body) return sendProblem(reply, 404, 'NoSuchResourceException', `No captured event has the id ${req.params.eventId}.`, []);
    return reply.type('application/ld+json').send(body);
  });

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/epcis/events', { preHandler: requireRoute('epcisQuery', auth) }, async (req, reply) => {
    const query = parseQuery(req.query);
    const { events, next } = await queryEvents(db, query, { idBase, scope: scopeParam(req.principal?.scope) });
    if (next) {
      const params = new URLSearchParams(Object.entries(req.query).flatMap(([k, v]) => (k === 'nextPageToken' || v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x]))));
      params.set('nextPageToken', next);
      reply.header('link', `</epcis/events?${params}>; rel="next"`);
    }
    return reply.type('application/ld+json').send(queryDocument(events));
  });

  app.get<{ Querystring: { lotCode?: string; from?: string; to?: string } }>('/epcis/export', { preHandler: requireRoute('epcisExport', auth) }, async (req, reply) => {
    const document = await exportDocument(db, req.query, idBase);
    const name = req.query.lotCode ? `trace-${req.query.lotCode.replace(/[^\w.-]+/g, '_').slice(-60)}` : `${req.query.from ?? 'start'}_${req.query.to ?? 'now'}`.replace(/[^\w.-]+/g, '_');
    return reply.type('application/ld+json').header('content-disposition', `attachment; filename="lotgraph-epcis-${name}.jsonld"`).send(document);
  });
};
