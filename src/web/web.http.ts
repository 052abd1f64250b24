/**
 * The pages (web/, built by `npm run build:web` into web/dist): /trace, /recalls and /graphiql,
 * and their assets under /assets/. Pages and assets need no key: the pages ask for one and send
 * it with every GraphQL request. Assets carry a content hash in their names and are cached for a
 * year; pages are never cached, so that a new build is seen at once.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorBody } from '../auth/auth.http.js';
import { ROOT } from '../config.js';
import { ErrorCode } from '../errors.js';
import { PAGES } from './pages.js';

/** Where the built pages are: web/dist beside the code, in a checkout and in the image alike. */
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

/** A browser opening /graphql (no query, wants HTML) is sent to GraphiQL rather than given an API answer. */
export const wantsPage = (req: FastifyRequest) => req.method === 'GET' && !req.url.includes('?') && (req.headers.accept ?? '').includes('text/html');

export const webRoutes: FastifyPluginAsync<{ dir?: string }> = async (app, { dir = WEB_DIST }) => {
  await app.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: '/assets/',
    index: false,
    // Built assets are named by their content: a changed file has a new name.
    immutable: true,
    maxAge: '365d',
  });
  for (const page of PAGES) {
    app.get(`/${page}`, async (_req, reply) => {
      const file = path.join(dir, `${page}.html`);
      if (!existsSync(file)) {
        return reply.code(503).send(errorBody(ErrorCode.SERVICE_UNAVAILABLE, 'The pages are not built: run `npm run build:web` (npm start and npm run demo do it).'));
      }
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(await readFile(file));
    });
  }
  app.get('/', async (_req, reply) => reply.redirect('/trace', 302));
};
