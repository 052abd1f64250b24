import type { JWK } from 'jose';
import { calculateJwkThumbprint } from 'jose';
import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';
import { badInput, notFound } from '../errors.js';
import { optionalText, requireText } from '../validation.js';
import { callPartner, describePartner, PartnerFailure } from './client.js';
import { type Instance, loadInstance } from './instance.js';
import { createLineageAsker, type LineageAsker } from './lineage.js';
import { NoticeSender } from './notices.js';
import * as partnerRepository from './partner.repository.js';
import type { LinkRecord, PartyKind } from './partner.repository.js';

/** Everything that works across companies, one per service. */
export interface Partners {
  instance: Instance;
  asker: LineageAsker;
  sender: NoticeSender;
  timeoutMs: number;
  close(): Promise<void>;
}

export async function createPartners(
  db: Db,
  config: Pick<Config, 'companyName' | 'instanceKeyFile' | 'partnerTimeoutMs' | 'partnerRetryMs'>,
  log: { info(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void },
): Promise<Partners> {
  const instance = await loadInstance(db, { name: config.companyName, keyFile: config.instanceKeyFile });
  const asker = createLineageAsker(db, instance, { timeoutMs: config.partnerTimeoutMs, log });
  const sender = new NoticeSender(db, instance, { timeoutMs: config.partnerTimeoutMs, retryMs: config.partnerRetryMs, log });
  sender.start();
  return { instance, asker, sender, timeoutMs: config.partnerTimeoutMs, close: () => sender.close() };
}

export interface LinkPartnerInput {
  supplierId?: string | null;
  customerId?: string | null;
  baseUrl: string;
  key: string;
  publicKey?: string | null;
  partnerName?: string | null;
}

function baseUrlOf(text: string): string {
  let url: URL;
  try {
    url = new URL(requireText(text, 'baseUrl'));
  } catch {
    throw badInput(`baseUrl must be the address of the partner's lotgraph, such as https://trace.mill.example; got "${text}".`, 'baseUrl');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    throw badInput(`baseUrl must be an http(s) address with no query, fragment or user; got "${text}".`, 'baseUrl');
  }
  return url.toString().replace(/\/+$/, '');
}

async function publicKeyOf(text: string): Promise<JWK> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw badInput('publicKey must be the partner\'s public key as a JWK (JSON), as its /.well-known/lotgraph gives it.', 'publicKey');
  }
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || 'd' in jwk) {
    throw badInput('publicKey must be an Ed25519 public key (JWK with kty OKP, crv Ed25519 and x, and no private part).', 'publicKey');
  }
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
}

/**
 * Links a supplier or customer of ours to its lotgraph: its address, the key it issued to us
 * (sealed; shown never again, only its first characters) and its signing key, pinned now. Online,
 * the signing key comes from its /.well-known/lotgraph and the key is tried: a supplier's lotgraph
 * must know us as its customer, a customer's as its supplier. With publicKey, nothing is fetched.
 * Linking the same party again replaces the link.
 */
export async function linkPartner(db: Db, partners: Partners, input: LinkPartnerInput): Promise<LinkRecord> {
  const supplierId = optionalText(input.supplierId, 'supplierId');
  const customerId = optionalText(input.customerId, 'customerId');
  if ((supplierId === null) === (customerId === null)) throw badInput('Link one party: give exactly one of supplierId and customerId.');
  const partyKind: PartyKind = supplierId ? 'supplier' : 'customer';
  const partyId = (supplierId ?? customerId)!;
  const baseUrl = baseUrlOf(input.baseUrl);
  const key = requireText(input.key, 'key').trim();
  if (key.length > 200 || /\s/.test(key)) throw badInput('key must be the API key the partner issued to us (one word, at most 200 characters).', 'key');
  const draft = (jwk: JWK, partnerId: string, partnerName: string): Omit<LinkRecord, 'linkedAt'> => ({
    id: partnerRepository.linkId(partyKind, partyId),
    partyKind,
    partyId,
    baseUrl,
    sealedKey: partners.instance.seal(key),
    keyHint: `${key.slice(0, 9)}…`,
    partnerId,
    partnerName,
    partnerJwk: JSON.stringify({ ...jwk, kid: partnerId }),
  });

  let link: Omit<LinkRecord, 'linkedAt'>;
  if (input.publicKey) {
    const jwk = await publicKeyOf(input.publicKey);
    link = draft(jwk, await calculateJwkThumbprint(jwk), optionalText(input.partnerName, 'partnerName') ?? partyId);
  } else {
    let described;
    try {
      described = await describePartner(baseUrl, partners.timeoutMs);
    } catch (error) {
      throw badInput(`The partner's lotgraph at ${baseUrl} could not be asked for its signing key: ${(error as Error).message}. Give its publicKey to link it offline.`, 'baseUrl');
    }
    const jwk = await publicKeyOf(JSON.stringify({ kty: described.jwk.kty, crv: described.jwk.crv, x: described.jwk.x }));
    const thumbprint = await calculateJwkThumbprint(jwk);
    if (thumbprint !== described.instanceId) throw badInput(`The partner's lotgraph at ${baseUrl} names itself ${described.instanceId}, which is not its key's thumbprint.`, 'baseUrl');
    link = draft(jwk, thumbprint, optionalText(input.partnerName, 'partnerName') ?? described.name);
    // The key must work there, for the side of the relation it stands for.
    const want = partyKind === 'supplier' ? 'customerId' : 'supplierId';
    let me: { customerId?: string | null; supplierId?: string | null } | undefined;
    try {
      const answer = (await callPartner(partners.instance, { ...link, linkedAt: '' }, 'graphql', {
        method: 'POST',
        body: { query: '{ me { customerId supplierId } }' },
        timeoutMs: partners.timeoutMs,
      })) as { data?: { me?: typeof me } };
      me = answer.data?.me;
    } catch (error) {
      throw badInput(`The key was refused by the partner's lotgraph at ${baseUrl}: ${(error as PartnerFailure).message}.`, 'key');
    }
    if (!me?.[want]) {
      throw badInput(
        `The key is not the one ${partyKind === 'supplier' ? 'a supplier issues to its customer' : 'a customer issues to its supplier'}: the partner's lotgraph must have scoped it to ${partyKind === 'supplier' ? 'us as its customer' : 'us as its supplier'}.`,
        'key',
      );
    }
  }
  const stored = await db.write((tx) => partnerRepository.upsertLink(tx, link));
  if (!stored) throw notFound(partyKind, partyId);
  return stored;
}

export async function unlinkPartner(db: Db, id: string): Promise<LinkRecord> {
  const removed = await db.write((tx) => partnerRepository.removeLink(tx, requireText(id, 'id')));
  if (!removed) throw notFound('partner link', id);
  return removed;
}
