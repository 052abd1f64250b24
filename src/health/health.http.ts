import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/driver.js';
import { health } from './health.service.js';

/** GET /health: open, for load balancers, and says no more than up (200) or down (503). */
export const healthRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get('/health', { config: { rateLimit: false } }, async (_req, reply) => {
    const up = (await health(db)).neo4j;
    return reply.code(up ? 200 : 503).send({ status: up ? 'up' : 'down' });
  });
};
