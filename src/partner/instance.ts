/**
 * This lotgraph's identity among companies: its name and its signing key (Ed25519, JWS with
 * `jose`). Every statement that crosses a company line (a lineage answer, a recall notice, an
 * acknowledgement) is signed with it; partners pin its public half when they link to us, so a
 * statement signed with another key is refused. The key's JWK thumbprint is the instance's id.
 *
 * The private key lives in LOTGRAPH_INSTANCE_KEY_FILE where set (made there on first start, mode
 * 0600), else in Neo4j (one InstanceKey node, shared by every instance on the database). The
 * secrets partners issued to us are kept encrypted under a key derived from it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '../db/driver.js';
import * as partnerRepository from './partner.repository.js';

export const ALG = 'EdDSA';

/** What every signed statement carries besides its own content. */
export interface Claims {
  /** The statement's kind: lotgraph.lineage/1, lotgraph.recallNotice/1, lotgraph.recallAck/1. */
  typ: string;
  /** The signer's instance id (its key's thumbprint) and company name. */
  iss: string;
  issName: string;
  /** The instance it is meant for, where the signer knows it. */
  aud?: string | null;
  /** Seconds since the epoch. */
  iat: number;
}

export interface Instance {
  id: string;
  name: string;
  /** The public key, with its kid, as /.well-known/lotgraph gives it. */
  publicJwk: JWK;
  sign<T extends object>(typ: string, body: T, aud?: string | null): Promise<string>;
  /** Encrypts a partner's secret for keeping (AES-256-GCM); decrypt gives it back. */
  seal(secret: string): string;
  open(sealed: string): string;
}

/** A statement checked against a pinned key: its claims and content. */
export type Verified<T> = Claims & T;

export class StatementRefused extends Error {}

/** How far a statement's iat may be from our clock. */
const SKEW_SECONDS = 300;

/**
 * Verifies a compact JWS with the key pinned for a partner: the signature, the key id, the
 * issuer, the kind, the audience (where `aud` is given: it must be us) and the time.
 */
export async function verifyStatement<T>(jws: unknown, pinned: JWK, expect: { typ: string; aud?: string }): Promise<Verified<T>> {
  if (typeof jws !== 'string' || jws.split('.').length !== 3) throw new StatementRefused('the answer is not a signed statement (compact JWS)');
  const kid = pinned.kid ?? (await calculateJwkThumbprint(pinned));
  let payload: Uint8Array;
  let header: { kid?: string; alg?: string };
  try {
    ({ payload, protectedHeader: header } = await compactVerify(jws, await importJWK({ ...pinned, alg: ALG }, ALG), { algorithms: [ALG] }));
  } catch {
    throw new StatementRefused(`the signature does not verify with the key pinned for this partner (${kid})`);
  }
  if (header.kid !== kid) throw new StatementRefused(`the statement names key ${header.kid ?? 'none'}, not the pinned ${kid}`);
  let claims: Verified<T>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new StatementRefused('the signed content is not JSON');
  }
  if (claims?.typ !== expect.typ) throw new StatementRefused(`the statement is a ${String(claims?.typ)}, not a ${expect.typ}`);
  if (claims.iss !== kid) throw new StatementRefused(`the statement's issuer ${String(claims.iss)} is not the partner's instance ${kid}`);
  if (expect.aud && claims.aud !== expect.aud) throw new StatementRefused('the statement was meant for another lotgraph');
  const now = Date.now() / 1000;
  if (typeof claims.iat !== 'number' || Math.abs(now - claims.iat) > SKEW_SECONDS) {
    throw new StatementRefused(`the statement's time (iat ${String(claims.iat)}) is more than ${SKEW_SECONDS} s from ours`);
  }
  return claims;
}

/** The claims of a JWS, unverified: for showing a stored statement, never for trusting one. */
export function claimsOf<T>(jws: string): Verified<T> {
  return JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

async function newKeyPair(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

async function loadPrivateJwk(db: Db, file: string | null): Promise<JWK> {
  if (file) {
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify((await newKeyPair()).privateJwk), { mode: 0o600, flag: 'wx' });
    }
    return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  }
  const made = await newKeyPair();
  // The first instance to start on an empty database makes the key; every other reads it.
  const stored = await db.write((tx) => partnerRepository.instanceKey(tx, JSON.stringify(made.privateJwk)));
  return JSON.parse(stored) as JWK;
}

export async function loadInstance(db: Db, options: { name: string; keyFile: string | null }): Promise<Instance> {
  const privateJwk = await loadPrivateJwk(db, options.keyFile);
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || !privateJwk.d || !privateJwk.x) {
    throw new Error('The instance key must be an Ed25519 private key (JWK with kty OKP, crv Ed25519, d and x).');
  }
  const { d, ...rest } = privateJwk;
  const bare: JWK = { kty: rest.kty, crv: rest.crv, x: rest.x };
  const id = await calculateJwkThumbprint(bare);
  const publicJwk: JWK = { ...bare, kid: id, alg: ALG, use: 'sig' };
  const signingKey = await importJWK({ ...bare, d, alg: ALG }, ALG);
  const sealKey = Buffer.from(hkdfSync('sha256', Buffer.from(d, 'base64url'), Buffer.alloc(0), 'lotgraph partner secrets', 32));

  return {
    id,
    name: options.name,
    publicJwk,
    async sign(typ, body, aud) {
      const claims = { ...body, typ, iss: id, issName: options.name, aud: aud ?? null, iat: Math.floor(Date.now() / 1000) };
      return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: ALG, kid: id, typ: 'JOSE' }).sign(signingKey);
    },
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const text = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), text].map((b) => b.toString('base64url')).join('.');
    },
    open(sealed) {
      const [iv, tag, text] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', sealKey, iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(text!), decipher.final()]).toString('utf8');
    },
  };
}
