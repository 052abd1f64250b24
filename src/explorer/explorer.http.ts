import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';

const page = readFileSync(new URL('./explorer.html', import.meta.url), 'utf8');
const script = readFileSync(new URL('./explorer.js', import.meta.url), 'utf8');

/** A browser opening /graphql (no query, wants HTML) gets the explorer page rather than an API answer. */
export const wantsExplorer = (req: FastifyRequest) =>
  req.method === 'GET' && !req.url.includes('?') && (req.headers.accept ?? '').includes('text/html');

export const explorerPage = page;

/** The offline explorer's script (the page itself is served at GET /graphql) and / pointing to it. */
export const explorerRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (_req, reply) => reply.redirect('/graphql', 302));
  app.get('/explorer.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(script));
};
