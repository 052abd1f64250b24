import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { badInput, DomainError, ErrorCode } from '../errors.js';
import type { NotificationMapper, RecallMapper } from '../recall/recall.mappers.js';
import { confirmRecall } from '../recall/recall.service.js';
import type { TraceMapper } from '../trace/trace.mappers.js';
import type { AcrossAnswer } from './lineage.js';
import type { TimelineEntry } from './notices.js';
import * as partnerRepository from './partner.repository.js';
import { linkPartner, type Partners, unlinkPartner } from './partner.service.js';

export interface RecallOriginMapper {
  linkId: string;
  company: string;
  recallId: string;
  statementId: string | null;
}

export interface RecallEventMapper {
  at: string;
  what: string;
  customerId?: string | null;
  detail?: string | null;
}

const MAX_PAGE = 1000;

function partnersOf(ctx: Context): Partners {
  if (!ctx.partners) throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Work across companies runs in the lotgraph service only.');
  return ctx.partners;
}

/** A trace's answer across companies is asked once per trace, however many fields want it. */
const acrossAnswers = new WeakMap<TraceMapper, Promise<AcrossAnswer>>();
function acrossOf(trace: TraceMapper, ctx: Context): Promise<AcrossAnswer> {
  // Only our own keys trace into our suppliers' lotgraphs: a partner's view stops at ours.
  if (!trace.acrossPartners || trace.direction !== 'backward' || ctx.scope || !ctx.partners) return Promise.resolve({ steps: [], problems: [] });
  let answer = acrossAnswers.get(trace);
  if (!answer) {
    answer = ctx.partners.asker.across(trace.lots.map((l) => l.code));
    acrossAnswers.set(trace, answer);
  }
  return answer;
}

/** A notification's deliveries to the customer's lotgraph; on the recall's timeline, named by the customer. */
const entries = (n: NotificationMapper, named: boolean): RecallEventMapper[] =>
  (n.timeline ?? []).map((text) => {
    const e = JSON.parse(text) as TimelineEntry;
    return { at: e.at, what: named ? `notice to ${n.customer.name}: ${e.what}` : e.what, customerId: n.customer.id, detail: e.detail };
  });

export const partnerResolvers: Resolvers = {
  Query: {
    instance: (_, __, ctx) => {
      const { instance } = partnersOf(ctx);
      return { name: instance.name, keyId: instance.id, publicKey: JSON.stringify(instance.publicJwk) };
    },
    partnerLinks: (_, __, { db }) => partnerRepository.links(db, null),
    partnerStatements: (_, args, { db }) => {
      const first = args.first ?? 100;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}; got ${first}.`, 'first');
      return partnerRepository.statements(db, { linkId: args.link ?? null, kind: args.kind ?? null, subject: args.subject ?? null, first });
    },
  },
  Mutation: {
    linkPartner: (_, { input }, ctx) => linkPartner(ctx.db, partnersOf(ctx), input),
    unlinkPartner: (_, { id }, { db }) => unlinkPartner(db, id),
    confirmRecall: async (_, { input }, ctx) => {
      const recall = await confirmRecall(ctx.db, input);
      // Customers the scope reaches now that had no notification have one: tell the linked ones.
      ctx.partners?.sender.kick();
      return recall;
    },
  },
  PartnerLink: {
    supplier: (l, _, { loaders }) => (l.partyKind === 'supplier' ? loaders.supplierById.load(l.partyId) : null),
    customer: (l, _, { loaders }) => (l.partyKind === 'customer' ? loaders.customerById.load(l.partyId) : null),
    partnerKeyId: (l) => l.partnerId,
  },
  PartnerStatement: {
    link: (s) => s.linkId,
    keyId: (s) => s.instanceId,
    receivedAt: (s) => s.receivedAt!,
  },
  Trace: {
    partnerLineage: async (t, _, ctx) => (await acrossOf(t, ctx)).steps,
    partnerProblems: async (t, _, ctx) => (await acrossOf(t, ctx)).problems,
  },
  PartnerLineage: {
    lot: (s) => (s.lotCode ? { code: s.lotCode } : null),
    answeredBy: (s) => s.company,
    keyId: (s) => s.instanceId,
  },
  Recall: {
    origin: (r: RecallMapper) =>
      r.originLinkId && r.originCompany && r.originRecallId
        ? { linkId: r.originLinkId, company: r.originCompany, recallId: r.originRecallId, statementId: r.originStatementId ?? null }
        : null,
    timeline: async (r, _, ctx) => {
      const events: RecallEventMapper[] = [];
      if (r.originCompany) events.push({ at: r.recordedAt ?? r.startedAt, what: `pending recall opened by a notice from ${r.originCompany}'s lotgraph (its recall ${r.originRecallId})` });
      else events.push({ at: r.initiatedAt, what: r.mock ? 'mock recall run' : 'recall initiated', detail: `by ${r.initiatedBy}` });
      if (r.confirmedAt) events.push({ at: r.confirmedAt, what: 'confirmed', detail: `by ${r.confirmedBy}` });
      for (const n of await ctx.loaders.notificationsByRecallId.load(r.id)) {
        events.push(...entries(n, true));
        if (!n.timeline?.length && n.acknowledgedAt) events.push({ at: n.acknowledgedAt, what: `${n.customer.name} acknowledged`, customerId: n.customer.id, detail: n.note ?? null });
      }
      if (r.closedAt) events.push({ at: r.closedAt, what: 'closed', detail: r.outcome ?? null });
      return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    },
  },
  RecallOrigin: {
    supplier: (o, _, { loaders }) => loaders.supplierById.load(o.linkId.replace(/^supplier:/, '')),
    statement: async (o, _, { db }) =>
      o.statementId ? ((await partnerRepository.statements(db, { id: o.statementId, linkId: o.linkId, kind: 'recallNotice', subject: null, first: 1 }))[0] ?? null) : null,
  },
  RecallEvent: {
    customer: (e, _, { loaders }) => (e.customerId ? loaders.customerById.load(e.customerId) : null),
  },
  CustomerNotification: {
    deliveries: (n) => entries(n, false),
    nextAttemptAt: (n) => (n.status === 'ACKNOWLEDGED' ? null : (n.nextAttemptAt ?? null)),
    acknowledgement: (n) => n.acknowledgement ?? null,
  },
};
