/**
 * Traces across companies. A backward trace with acrossPartners asks, for each lot we received
 * from a linked supplier, that supplier's lotgraph for the lot's one-step-up lineage (by the
 * traceability lot code it gave us, within the scope of the key it issued us). The supplier
 * answers with a signed statement: its lots shipped to us under that TLC and the received lots
 * that went into them (TLC, TLC source, supplier), and, as far as its own links and our hop budget
 * reach, its suppliers' signed statements about those, each with the key it pinned for them. We
 * verify every statement and keep the ones our partners signed; a partner that is down, slow,
 * answers garbage or signs with another key is named in the problems, and the local trace stands.
 */
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Db } from '../db/driver.js';
import { callPartner, failureReason, pinnedKey } from './client.js';
import { type Instance, StatementRefused, type Verified, verifyStatement } from './instance.js';
import * as partnerRepository from './partner.repository.js';
import type { LinkRecord } from './partner.repository.js';

export const LINEAGE = 'lotgraph.lineage/1';
/** How many companies up a trace goes at most (ours asks 1, which asks 2, ...). */
export const MAX_HOPS = 4;

export interface LineageInputOut {
  tlc: string;
  productName: string;
  gtin: string | null;
  quantity: { amount: number; unit: string };
  receivedAt: string | null;
  tlcSource: string | null;
  tlcSourceGln: string | null;
  supplierName: string;
  supplierGln: string | null;
}

export interface PartnerProblemOut {
  partner: string;
  tlc: string | null;
  reason: string;
}

/** What a lineage statement says (besides the claims every statement has). */
export interface LineageBody {
  tlc: string;
  gtin: string | null;
  lots: { tlc: string; productName: string; gtin: string | null; inputs: LineageInputOut[] }[];
  /** Our suppliers' statements about those inputs, each with the key we pinned for it (we vouch for the key, they for the content). */
  upstream: { company: string; jwk: JWK; statement: string }[];
  problems: PartnerProblemOut[];
}

export interface PartnerOptions {
  timeoutMs: number;
  /** How long a verified answer is reused. */
  cacheMs?: number;
  log?: { warn(obj: unknown, msg?: string): void };
}

/** One step of a trace across companies, as the API shows it. */
export interface PartnerLineageMapper {
  hop: number;
  tlc: string;
  /** Our received lot (hop 1). */
  lotCode: string | null;
  company: string;
  instanceId: string;
  answeredAt: string;
  statement: string;
  inputs: LineageInputOut[];
}

export interface PartnerProblemMapper extends PartnerProblemOut {
  hop: number;
}

/** A verified lineage statement, with its text. */
type SignedLineage = Verified<LineageBody> & { jws: string };

export interface AcrossAnswer {
  steps: PartnerLineageMapper[];
  problems: PartnerProblemMapper[];
}

/**
 * Asks the linked suppliers' lotgraphs, in parallel, about the given lots; one verified answer per
 * (link, TLC, hops) is reused for `cacheMs`.
 */
export function createLineageAsker(db: Db, instance: Instance, options: PartnerOptions) {
  const cacheMs = options.cacheMs ?? 60_000;
  const cache = new Map<string, { at: number; answer: Promise<SignedLineage> }>();

  async function ask(link: LinkRecord, tlc: string, gtin: string | null, hops: number, budgetMs: number) {
    const key = `${link.id}|${link.partnerId}|${tlc}|${gtin ?? ''}|${hops}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < cacheMs) return hit.answer;
    const answer = (async () => {
      // aud: the answer is signed for us, so that it cannot be passed off to another company.
      const query = new URLSearchParams({ tlc, hops: String(hops), budgetMs: String(Math.max(200, Math.floor(budgetMs * 0.8))), aud: instance.id });
      if (gtin) query.set('gtin', gtin);
      const body = (await callPartner(instance, link, `partners/v1/lineage?${query}`, { timeoutMs: budgetMs })) as { statement?: unknown };
      const claims = await verifyStatement<LineageBody>(body?.statement, pinnedKey(link), { typ: LINEAGE, aud: instance.id });
      if (claims.tlc !== tlc) throw new StatementRefused(`the statement is about TLC ${String(claims.tlc)}, not ${tlc}`);
      const jws = body.statement as string;
      await db
        .write((tx) => partnerRepository.keepStatement(tx, 'lineage', link, claims, tlc, jws))
        .catch((error) => options.log?.warn({ err: error }, 'a partner statement could not be kept'));
      return { ...claims, jws };
    })();
    cache.set(key, { at: Date.now(), answer });
    answer.catch(() => cache.delete(key));
    if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
    return answer;
  }

  /** Flattens a verified statement and the statements it relays (verified with the keys it vouches for). */
  async function flatten(out: AcrossAnswer, hop: number, claims: SignedLineage) {
    out.steps.push({
      hop,
      tlc: claims.tlc,
      lotCode: null,
      company: claims.issName,
      instanceId: claims.iss,
      answeredAt: new Date(claims.iat * 1000).toISOString(),
      statement: claims.jws,
      inputs: claims.lots.flatMap((l) => l.inputs),
    });
    for (const p of claims.problems ?? []) out.problems.push({ ...p, hop: hop + 1 });
    for (const relayed of claims.upstream ?? []) {
      try {
        const kid = await calculateJwkThumbprint(relayed.jwk);
        const inner = await verifyStatement<LineageBody>(relayed.statement, { ...relayed.jwk, kid }, { typ: LINEAGE, aud: claims.iss });
        await flatten(out, hop + 1, { ...inner, jws: relayed.statement });
      } catch (error) {
        out.problems.push({ partner: String(relayed.company), tlc: null, reason: `its statement, relayed by ${claims.issName}, was refused: ${(error as Error).message}`, hop: hop + 1 });
      }
    }
  }

  /**
   * The lineage linked suppliers give for these lots (ours, received from them): for a trace,
   * the lots are every lot the local trace reached. `hops` companies up at most.
   */
  async function across(lotCodes: readonly string[], hops = MAX_HOPS, budgetMs = options.timeoutMs): Promise<AcrossAnswer> {
    const out: AcrossAnswer = { steps: [], problems: [] };
    if (hops < 1 || lotCodes.length === 0) return out;
    const receipts = await partnerRepository.linkedReceipts(db, lotCodes);
    if (receipts.length === 0) return out;
    const links = new Map((await partnerRepository.links(db, [...new Set(receipts.map((r) => r.linkId))], true)).map((l) => [l.id, l]));
    // One question per (link, TLC, GTIN), whatever the number of our lots under it.
    const questions = new Map<string, { link: LinkRecord; tlc: string; gtin: string | null; lotCodes: string[] }>();
    for (const r of receipts) {
      const link = links.get(r.linkId);
      if (!link) continue;
      const key = `${r.linkId}|${r.tlc}|${r.gtin ?? ''}`;
      const q = questions.get(key) ?? { link, tlc: r.tlc, gtin: r.gtin, lotCodes: [] };
      q.lotCodes.push(r.code);
      questions.set(key, q);
    }
    const answers = await Promise.all(
      [...questions.values()].map(async (q) => {
        try {
          return { q, claims: await ask(q.link, q.tlc, q.gtin, hops, budgetMs) };
        } catch (error) {
          return { q, reason: failureReason(error) };
        }
      }),
    );
    for (const a of answers) {
      if ('reason' in a) {
        out.problems.push({ partner: a.q.link.partnerName, tlc: a.q.tlc, reason: a.reason!, hop: 1 });
        continue;
      }
      // Verified once, however many of our lots were received under the TLC; the first step is about each of them.
      const flat: AcrossAnswer = { steps: [], problems: [] };
      await flatten(flat, 1, a.claims!);
      for (const lotCode of a.q.lotCodes) {
        out.steps.push(...flat.steps.map((s, i) => (i === 0 ? { ...s, lotCode } : s)));
        out.problems.push(...flat.problems);
      }
    }
    return out;
  }

  return { across, ask };
}

export type LineageAsker = ReturnType<typeof createLineageAsker>;

const inputOut = (i: partnerRepository.LineageInput): LineageInputOut => ({
  tlc: i.tlc,
  productName: i.productName,
  gtin: i.gtin,
  quantity: { amount: i.amount, unit: i.unit },
  receivedAt: i.receivedAt,
  tlcSource: i.tlcSource,
  tlcSourceGln: i.tlcSourceGln,
  supplierName: i.supplierName,
  supplierGln: i.supplierGln,
});

/**
 * Our answer to a customer's lotgraph: the lineage of the lots we shipped that customer under the
 * TLC, signed; with `hops` above 1, our own linked suppliers' statements about the inputs too.
 */
export async function answerLineage(
  db: Db,
  instance: Instance,
  asker: LineageAsker,
  request: { customerId: string; tlc: string; gtin: string | null; hops: number; budgetMs: number; audience: string | null },
): Promise<string> {
  const rows = await partnerRepository.lineageForCustomer(db, request.customerId, request.tlc, request.gtin);
  const body: LineageBody = {
    tlc: request.tlc,
    gtin: request.gtin,
    lots: rows.map((r) => ({ tlc: r.tlc, productName: r.productName, gtin: r.gtin, inputs: r.inputs.map(inputOut) })),
    upstream: [],
    problems: [],
  };
  if (request.hops > 1 && rows.length > 0) {
    const supplierIds = [...new Set(rows.flatMap((r) => r.inputs.map((i) => i.supplierId)))];
    const links = new Map(
      (await partnerRepository.links(db, supplierIds.map((id) => partnerRepository.linkId('supplier', id)), true)).map((l) => [l.partyId, l]),
    );
    const questions = new Map<string, { link: LinkRecord; tlc: string; gtin: string | null }>();
    for (const i of rows.flatMap((r) => r.inputs)) {
      const link = links.get(i.supplierId);
      if (link) questions.set(`${link.id}|${i.tlc}|${i.gtin ?? ''}`, { link, tlc: i.tlc, gtin: i.gtin });
    }
    await Promise.all(
      [...questions.values()].map(async (q) => {
        try {
          const claims = await asker.ask(q.link, q.tlc, q.gtin, request.hops - 1, request.budgetMs);
          body.upstream.push({ company: q.link.partnerName, jwk: pinnedKey(q.link), statement: claims.jws });
        } catch (error) {
          body.problems.push({ partner: q.link.partnerName, tlc: q.tlc, reason: failureReason(error) });
        }
      }),
    );
  }
  return instance.sign(LINEAGE, body, request.audience);
}
