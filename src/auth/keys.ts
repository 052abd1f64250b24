import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key starts so: a leaked key is easy to find in logs, repositories and chats. */
export const KEY_PREFIX = 'lg_';
/** 32 random bytes: 256 bits, base64url. */
const SECRET_BYTES = 32;

/** A new secret: the prefix and 256 random bits. Shown once; only its hash is kept. */
export const newSecret = () => KEY_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');

/** A short random id for a key, safe to show and to log. */
export const newKeyId = () => `key_${randomBytes(6).toString('hex')}`;

/**
 * The stored form of a secret. The secrets are random (256 bits), so a plain SHA-256 cannot be
 * reversed or guessed: a slow password hash would only slow every request down.
 */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The first characters of a key, kept so that a person can tell keys apart in a list. */
export const hintOf = (secret: string) => `${secret.slice(0, KEY_PREFIX.length + 6)}…`;

/** Compares two hashes (hex, from hashSecret) in constant time. */
export const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** The secret of an Authorization header "Bearer lg_...", or null. */
export function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
