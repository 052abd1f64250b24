/**
 * Recalls that travel. A recall here (open, or pending on a supplier's notice) that reaches a
 * linked customer's lots is sent to that customer's lotgraph as a signed recall notice: the
 * recall's id, reason, classification and action, and every affected line shipped to that
 * customer (TLC, product, quantity, shipment). The receiving lotgraph verifies it with the key it
 * pinned for us, finds the lots it received under those TLCs, opens a pending recall for its
 * quality manager to confirm (and sends it on to its own linked customers), and answers with a
 * signed acknowledgement, which moves our notification to ACKNOWLEDGED.
 *
 * Delivery is at least once: the notices that are due are claimed with a lease (so that two
 * instances do not send the same one at once), sent, and retried with a doubling wait until they
 * are acknowledged; each attempt is on the notification's timeline. Receiving is idempotent: a
 * notice for a recall seen before is acknowledged again with the same pending recall.
 */
import type { Db } from '../db/driver.js';
import { DomainError, ErrorCode } from '../errors.js';
import { initiateRecall } from '../recall/recall.service.js';
import * as recallRepository from '../recall/recall.repository.js';
import { callPartner, failureReason, PartnerFailure, pinnedKey } from './client.js';
import { type Instance, StatementRefused, verifyStatement } from './instance.js';
import * as partnerRepository from './partner.repository.js';
import type { LinkRecord, NoticeLine } from './partner.repository.js';

export const NOTICE = 'lotgraph.recallNotice/1';
export const ACK = 'lotgraph.recallAck/1';

export interface NoticeBody {
  recall: {
    id: string;
    reason: string;
    classification: string | null;
    action: string | null;
    initiatedAt: string;
    /** True while the sender's own quality manager has not confirmed it (it came from its supplier). */
    pending: boolean;
    /** Where the chain of notices that opened the sender's recall began (the company, its recall, its reason). */
    upstream: { company: string; recallId: string; reason: string } | null;
  };
  lines: NoticeLine[];
}

export interface AckBody {
  recallId: string;
  /** The pending recall the notice opened at the receiver; null where none of the lots is on record there. */
  localRecallId: string | null;
  matchedTlcs: string[];
  unmatchedTlcs: string[];
  receivedAt: string;
}

export interface TimelineEntry {
  at: string;
  what: string;
  detail: string | null;
}

const MAX_WAIT_MS = 10 * 60_000;
const LEASE_SECONDS = 60;
/**
 * A notice's answer waits for the receiver to compute its recall scope, which can take seconds
 * on a large one: at least this long, however short the partner timeout for traces.
 */
const NOTICE_TIMEOUT_MS = 30_000;

export interface NoticeSenderOptions {
  timeoutMs: number;
  retryMs: number;
  /**
   * How often due notices are looked for besides kick() (which a recall, a received notice, a
   * confirmation and each retry's timer call): for what another instance recorded, or a lease
   * that ran out.
   */
  intervalMs?: number;
  log: { info(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };
}

export class NoticeSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly instance: Instance,
    private readonly options: NoticeSenderOptions,
  ) {}

  start() {
    this.timer = setInterval(() => this.kick(), this.options.intervalMs ?? 5_000);
    this.timer.unref();
    this.kick();
  }

  /** Looks for due notices now (after a recall was recorded or a notice received). */
  kick() {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((error) => this.options.log.warn({ err: error }, 'recall notices: a delivery round failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async close() {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async round() {
    for (;;) {
      const due = await this.db.write((tx) => partnerRepository.dueNotices(tx, 20, LEASE_SECONDS));
      if (due.length === 0 || this.closed) return;
      const links = new Map((await partnerRepository.links(this.db, [...new Set(due.map((d) => d.linkId))], true)).map((l) => [l.id, l]));
      await Promise.all(due.map((d) => this.deliver(d.recallId, d.customerId, Number(d.attempts), links.get(d.linkId))));
    }
  }

  private async deliver(recallId: string, customerId: string, attempts: number, link: LinkRecord | undefined) {
    let acknowledgement: string | null = null;
    let note: string | null = null;
    let entry: TimelineEntry;
    try {
      if (!link) throw new PartnerFailure('the link to this customer was removed');
      const content = await partnerRepository.noticeContent(this.db, recallId, customerId);
      if (!content) throw new PartnerFailure('the recall is gone');
      const body: NoticeBody = {
        recall: {
          id: content.recall.id,
          reason: content.recall.reason,
          classification: content.recall.classification,
          action: content.recall.action,
          initiatedAt: content.recall.initiatedAt,
          pending: content.recall.status === 'PENDING',
          upstream:
            content.recall.originRootCompany && content.recall.originRootRecallId
              ? { company: content.recall.originRootCompany, recallId: content.recall.originRootRecallId, reason: content.recall.originRootReason ?? content.recall.reason }
              : null,
        },
        lines: content.lines,
      };
      const statement = await this.instance.sign(NOTICE, body, link.partnerId);
      const timeoutMs = Math.max(NOTICE_TIMEOUT_MS, this.options.timeoutMs);
      const answer = (await callPartner(this.instance, link, 'partners/v1/recall-notices', { method: 'POST', body: { statement }, timeoutMs })) as {
        statement?: unknown;
      };
      const ack = await verifyStatement<AckBody>(answer?.statement, pinnedKey(link), { typ: ACK, aud: this.instance.id });
      if (ack.recallId !== recallId) throw new StatementRefused(`the acknowledgement is for recall ${String(ack.recallId)}, not ${recallId}`);
      const signed = answer.statement as string;
      await this.db.write((tx) => partnerRepository.keepStatement(tx, 'recallAck', link, ack, recallId, signed));
      acknowledgement = signed;
      note = ack.localRecallId
        ? `Acknowledged by ${ack.issName}'s lotgraph: pending recall ${ack.localRecallId} there (${ack.matchedTlcs.length} of ${ack.matchedTlcs.length + ack.unmatchedTlcs.length} lot codes found).`
        : `Acknowledged by ${ack.issName}'s lotgraph: none of these lot codes is on record there.`;
      entry = { at: new Date().toISOString(), what: 'acknowledged', detail: note };
      this.options.log.info({ recallId, customerId, partner: ack.issName }, 'recall notice acknowledged');
    } catch (error) {
      const reason = failureReason(error);
      entry = { at: new Date().toISOString(), what: `attempt ${attempts} failed`, detail: reason };
      this.options.log.warn({ recallId, customerId, attempts, reason }, 'recall notice not delivered; it will be sent again');
    }
    const wait = Math.min(this.options.retryMs * 2 ** Math.max(0, attempts - 1), MAX_WAIT_MS);
    // Looked for again when it is due, not at the next round.
    if (!acknowledgement) setTimeout(() => this.kick(), wait + 50).unref();
    await this.db.write((tx) =>
      partnerRepository.recordDelivery(tx, {
        recallId,
        customerId,
        entry: JSON.stringify(entry),
        acknowledged: acknowledgement !== null,
        acknowledgement,
        note,
        nextAttemptAt: acknowledgement ? null : new Date(Date.now() + wait).toISOString(),
      }),
    );
  }
}

/** The id of the pending recall a supplier's notice opens here: one per supplier and recall. */
export const localRecallId = (supplierId: string, remoteRecallId: string) => `IN-${supplierId}-${remoteRecallId}`;

/**
 * A linked supplier's recall notice: verified with the key pinned for it, kept, and turned into a
 * pending recall of the lots we received under its TLCs. Answers with our signed acknowledgement.
 */
export async function receiveNotice(db: Db, instance: Instance, supplierId: string, statement: unknown, idBase: string): Promise<string> {
  const linkId = partnerRepository.linkId('supplier', supplierId);
  const [link] = await partnerRepository.links(db, [linkId]);
  if (!link) {
    throw new DomainError(ErrorCode.FORBIDDEN, `There is no partner link to supplier ${supplierId}: its notices cannot be verified. An admin links it first (linkPartner).`);
  }
  let notice;
  try {
    notice = await verifyStatement<NoticeBody>(statement, pinnedKey(link), { typ: NOTICE, aud: instance.id });
  } catch (error) {
    if (error instanceof StatementRefused) throw new DomainError(ErrorCode.BAD_USER_INPUT, `The recall notice was refused: ${error.message}.`);
    throw error;
  }
  const lines = Array.isArray(notice.lines) ? notice.lines : [];
  const recallInfo = notice.recall;
  if (!recallInfo || typeof recallInfo.id !== 'string' || typeof recallInfo.reason !== 'string') {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The recall notice names no recall.');
  }
  const jws = statement as string;
  const statementId = await db.write((tx) => partnerRepository.keepStatement(tx, 'recallNotice', link, notice, recallInfo.id, jws));
  const tlcs = [...new Set(lines.map((l) => String(l.tlc)))].sort();
  const received = await partnerRepository.receivedByTlcs(db, supplierId, tlcs);
  const matched = new Set(received.map((r) => r.tlc));
  const id = localRecallId(supplierId, recallInfo.id);
  const up = recallInfo.upstream;
  const root = up && typeof up.company === 'string' && typeof up.recallId === 'string' ? { company: up.company, recallId: up.recallId, reason: String(up.reason ?? recallInfo.reason) } : null;
  let recorded: string | null = null;
  if (received.length > 0) {
    const existing = (await recallRepository.recallsByIds(db, [id]))[0];
    if (existing) recorded = existing.id;
    else {
      try {
        const recall = await initiateRecall(
          db,
          {
            recallId: id,
            reason: root
              ? `${root.company} recall ${root.recallId}, via ${notice.issName} (its ${recallInfo.id}): ${root.reason}`
              : `${notice.issName} recall ${recallInfo.id}: ${recallInfo.reason}`,
            classification: recallInfo.classification ?? null,
            by: `${notice.issName} (a notice from its lotgraph)`,
            at: typeof recallInfo.initiatedAt === 'string' ? recallInfo.initiatedAt : null,
            start: { lotCodes: received.map((r) => r.code) },
            action: recallInfo.action === 'HOLD' ? 'HOLD' : 'RECALL',
          },
          false,
          idBase,
          {
            originLinkId: linkId,
            originCompany: notice.issName,
            originRecallId: recallInfo.id,
            originStatementId: statementId,
            originRootCompany: root?.company ?? notice.issName,
            originRootRecallId: root?.recallId ?? recallInfo.id,
            originRootReason: root?.reason ?? recallInfo.reason,
          },
        );
        recorded = recall.id;
      } catch (error) {
        // Another delivery of the same notice got there first (its lots may since have grown): that recall stands.
        if (!(error instanceof DomainError && error.code === ErrorCode.ALREADY_EXISTS)) throw error;
        recorded = id;
      }
    }
  }
  const ack: AckBody = {
    recallId: recallInfo.id,
    localRecallId: recorded,
    matchedTlcs: tlcs.filter((t) => matched.has(t)),
    unmatchedTlcs: tlcs.filter((t) => !matched.has(t)),
    receivedAt: new Date().toISOString(),
  };
  return instance.sign(ACK, ack, notice.iss);
}
