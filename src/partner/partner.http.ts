/**
 * What partners' lotgraphs call:
 * - GET /.well-known/lotgraph: this instance's name and public signing key (no key needed).
 * - GET /partners/v1/lineage?tlc=..[&gtin=..][&hops=..][&budgetMs=..][&aud=..]: for a customer's key
 *   that shares lineage, what went into the lots we shipped that customer under the TLC, as a
 *   signed statement ({ statement: JWS }); with hops above 1, our linked suppliers' statements too.
 * - POST /partners/v1/recall-notices { statement: JWS }: a linked supplier's recall notice, with
 *   the key we issued to that supplier. Answers with our signed acknowledgement.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AuthOptions } from '../auth/auth.http.js';
import { errorBody, requireRoute, sendError } from '../auth/auth.http.js';
import { OK, recordAlone } from '../auth/audit.js';
import type { Db } from '../db/driver.js';
import { DomainError, ErrorCode } from '../errors.js';
import { answerLineage, MAX_HOPS } from './lineage.js';
import { receiveNotice } from './notices.js';
import type { Partners } from './partner.service.js';

export const partnerRoutes: FastifyPluginAsync<{ db: Db; partners: Partners; idBase: string } & Pick<AuthOptions, 'authenticator' | 'links'>> = async (
  app,
  { db, partners, idBase, ...auth },
) => {
  const { instance } = partners;

  app.get('/.well-known/lotgraph', async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=300').send({
      name: instance.name,
      instanceId: instance.id,
      keys: [instance.publicJwk],
      endpoints: { lineage: '/partners/v1/lineage', recallNotices: '/partners/v1/recall-notices' },
    }),
  );

  app.get('/partners/v1/lineage', { preHandler: requireRoute('partnerLineage', auth) }, async (req, reply) => {
    const principal = req.principal!;
    const q = req.query as Record<string, string | undefined>;
    let customerId: string | null;
    if (principal.scope) {
      if (!principal.sharesLineage) {
        return reply.code(403).send(errorBody(ErrorCode.FORBIDDEN, 'This customer key does not share lineage: ask the supplier to issue one that does (sharesLineage).'));
      }
      customerId = principal.scope.id;
    } else {
      // An admin of ours tries it as a customer would see it.
      customerId = q.customerId ?? null;
      if (!customerId) return reply.code(400).send(errorBody(ErrorCode.BAD_USER_INPUT, 'Give customerId: whose view of the lineage to show.'));
    }
    const tlc = q.tlc?.trim();
    if (!tlc || tlc.length > 200) return reply.code(400).send(errorBody(ErrorCode.BAD_USER_INPUT, 'Give tlc: the traceability lot code of a lot we shipped you.'));
    const hops = Math.min(MAX_HOPS, Math.max(1, Number.parseInt(q.hops ?? '1', 10) || 1));
    const budgetMs = Math.min(partners.timeoutMs, Math.max(100, Number.parseInt(q.budgetMs ?? '', 10) || partners.timeoutMs));
    const statement = await answerLineage(db, instance, partners.asker, {
      customerId,
      tlc,
      gtin: q.gtin?.trim() || null,
      hops,
      budgetMs,
      audience: q.aud && /^[\w-]{10,100}$/.test(q.aud) ? q.aud : null,
    });
    return reply.header('cache-control', 'no-store').send({ statement });
  });

  app.post('/partners/v1/recall-notices', { preHandler: requireRoute('partnerRecallNotice', auth) }, async (req, reply) => {
    const principal = req.principal!;
    if (principal.scope?.kind !== 'supplier') {
      return reply.code(403).send(errorBody(ErrorCode.FORBIDDEN, 'Recall notices come from a supplier\'s lotgraph, with the key we issued to that supplier.'));
    }
    const statement = (req.body as { statement?: unknown } | null)?.statement;
    try {
      const ack = await receiveNotice(db, instance, principal.scope.id, statement, idBase);
      await recordAlone(db, principal, 'partner:recallNotice', { supplierId: principal.scope.id }, OK, req.log);
      // The pending recall may reach our own linked customers: tell them now.
      partners.sender.kick();
      return reply.send({ statement: ack });
    } catch (error) {
      if (error instanceof DomainError) {
        await recordAlone(db, principal, 'partner:recallNotice', { supplierId: principal.scope.id }, error.code, req.log);
        return sendError(reply, error);
      }
      throw error;
    }
  });
};
