/** The pages the service serves (web/), by path, and which requests are for them: what the HTTP front and the rate limits share. */
import type { FastifyRequest } from 'fastify';

export const PAGES = ['trace', 'recalls', 'import', 'graphiql'] as const;

/** A page or one of its assets: static files, which the rate limits leave alone. */
export const isStaticRequest = (req: FastifyRequest) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url.split('?')[0];
  return url.startsWith('/assets/') || url === '/' || (PAGES as readonly string[]).includes(url.slice(1));
};
