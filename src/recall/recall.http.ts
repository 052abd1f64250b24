import type { FastifyPluginAsync } from 'fastify';
import type { AuthOptions } from '../auth/auth.http.js';
import { requireRoute, sendError } from '../auth/auth.http.js';
import type { Db } from '../db/driver.js';
import { DomainError } from '../errors.js';
import { buildReport, toCsv, toHtml } from './recall.report.js';

/** Where a recall's report is served. */
export const reportPath = (recallId: string, format: 'csv' | 'html') => `/recalls/${encodeURIComponent(recallId)}/report.${format}`;

/** GET /recalls/{id}/report.csv|html: the report to hand over, for a key or a link the API signed. */
export const recallRoutes: FastifyPluginAsync<{ db: Db } & Pick<AuthOptions, 'authenticator' | 'links'>> = async (app, { db, ...auth }) => {
  app.get<{ Params: { id: string; format: string } }>(
    '/recalls/:id/report.:format',
    { preHandler: requireRoute('recallReport', auth) },
    async (req, reply) => {
      const { id, format } = req.params;
      if (format !== 'csv' && format !== 'html') return reply.callNotFound();
      let report;
      try {
        report = await buildReport(db, id);
      } catch (error) {
        if (error instanceof DomainError) return sendError(reply, error);
        throw error;
      }
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="recall-${id.replace(/[^\w.-]/g, '_')}.csv"`)
          .send(toCsv(report));
      }
      return reply.type('text/html; charset=utf-8').send(toHtml(report));
    },
  );
};
