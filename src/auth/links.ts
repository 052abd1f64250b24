/**
 * Short-lived signed download links: a browser cannot send an Authorization header when it
 * follows a link, so the links that fsmaExport and recalls give carry the key's id, an expiry
 * and an HMAC over both and the path. Following one still needs the key to be valid (not
 * revoked) and its role to allow the route.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SIGNED = ['key', 'expires', 'sig'];

export interface LinkSigner {
  /** `path` (with its query) signed for the key, valid for the signer's lifetime. */
  sign(path: string, keyId: string): string;
  /** The key id a signed URL was made for, or null when it is unsigned, forged or expired. */
  verify(url: URL): string | null;
}

export function createLinkSigner(secret: string | null, ttlSeconds: number, now: () => number = Date.now): LinkSigner {
  // Without a configured secret the links die with the process: they are short-lived anyway.
  const key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  const canonical = (pathname: string, params: URLSearchParams) => {
    const rest = new URLSearchParams([...params].filter(([k]) => !SIGNED.includes(k)));
    return `${pathname}?${rest.toString()}\n${params.get('key')}\n${params.get('expires')}`;
  };
  return {
    sign(path, keyId) {
      const url = new URL(path, 'http://link');
      url.searchParams.set('key', keyId);
      url.searchParams.set('expires', String(Math.floor(now() / 1000) + ttlSeconds));
      url.searchParams.set('sig', mac(canonical(url.pathname, url.searchParams)));
      return `${url.pathname}?${url.searchParams.toString()}`;
    },
    verify(url) {
      const sig = url.searchParams.get('sig');
      const keyId = url.searchParams.get('key');
      const expires = Number(url.searchParams.get('expires'));
      if (!sig || !keyId || !Number.isFinite(expires) || expires * 1000 < now()) return null;
      const want = Buffer.from(mac(canonical(url.pathname, url.searchParams)));
      const got = Buffer.from(sig);
      return want.length === got.length && timingSafeEqual(want, got) ? keyId : null;
    },
  };
}
