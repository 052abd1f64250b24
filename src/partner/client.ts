/**
 * Calls to a partner's lotgraph, with the key that partner issued to us (kept sealed, opened
 * only here, never logged) and a timeout. A failure is a PartnerFailure whose message says, in a
 * quality manager's words, what went wrong: the local answer never depends on it.
 */
import type { JWK } from 'jose';
import { type Instance, StatementRefused } from './instance.js';
import type { LinkRecord } from './partner.repository.js';

export class PartnerFailure extends Error {}

export const pinnedKey = (link: LinkRecord): JWK => JSON.parse(link.partnerJwk) as JWK;

/** The largest answer read from a partner: a lineage statement of thousands of lots is far less. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** The body as text, refused beyond MAX_ANSWER_BYTES (a partner must not be able to fill our memory). */
async function boundedText(response: Response): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > MAX_ANSWER_BYTES) {
    await response.body?.cancel();
    throw new PartnerFailure(`answered with more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) throw new PartnerFailure(`answered with more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What went wrong with a partner, in a quality manager's words (what the problem lists and timelines show). */
export const failureReason = (error: unknown): string =>
  error instanceof PartnerFailure || error instanceof StatementRefused ? error.message : `failed (${(error as Error).message})`;

const under = (baseUrl: string, pathAndQuery: string) => new URL(pathAndQuery, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);

/** A partner lotgraph's answer parsed as JSON; any failure (refused, timed out, too large, not JSON, not 2xx) as a PartnerFailure. */
async function fetchJson(url: URL, options: { method?: 'GET' | 'POST'; body?: unknown; authorization?: string; timeoutMs: number }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: {
        ...(options.authorization ? { authorization: options.authorization } : {}),
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new PartnerFailure(`no answer within ${options.timeoutMs} ms`);
    throw new PartnerFailure(`unreachable (${e.cause?.code ?? e.message})`);
  }
  let text: string;
  try {
    text = await boundedText(response);
  } catch (error) {
    if (error instanceof PartnerFailure) throw error;
    const e = error as Error;
    throw new PartnerFailure(e.name === 'TimeoutError' || e.name === 'AbortError' ? `no whole answer within ${options.timeoutMs} ms` : `the answer broke off (${e.message})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PartnerFailure(`answered HTTP ${response.status} with something that is not JSON`);
  }
  if (!response.ok) {
    const message = (body as { errors?: { message?: string }[] })?.errors?.[0]?.message;
    throw new PartnerFailure(`answered HTTP ${response.status}${message ? `: ${message.slice(0, 300)}` : ''}`);
  }
  return body;
}

/** A call to a partner's lotgraph with the key it issued to us (opened only here, never logged). */
export async function callPartner(
  instance: Instance,
  link: LinkRecord,
  pathAndQuery: string,
  options: { method?: 'GET' | 'POST'; body?: unknown; timeoutMs: number },
): Promise<unknown> {
  if (!link.sealedKey) throw new PartnerFailure('the link holds no key for this partner');
  return fetchJson(under(link.baseUrl, pathAndQuery), { ...options, authorization: `Bearer ${instance.open(link.sealedKey)}` });
}

/** A partner's public description (GET /.well-known/lotgraph), fetched when a link is made. */
export async function describePartner(baseUrl: string, timeoutMs: number): Promise<{ name: string; instanceId: string; jwk: JWK }> {
  const body = (await fetchJson(under(baseUrl, '.well-known/lotgraph'), { timeoutMs })) as { name?: unknown; instanceId?: unknown; keys?: JWK[] } | null;
  const jwk = body?.keys?.[0];
  if (typeof body?.name !== 'string' || typeof body.instanceId !== 'string' || !jwk || jwk.kty !== 'OKP') {
    throw new PartnerFailure('its /.well-known/lotgraph does not describe a lotgraph instance');
  }
  return { name: body.name, instanceId: body.instanceId, jwk };
}
