/**
 * The pages' one way to the API: GraphQL over fetch, with the key from this browser tab's
 * session (sessionStorage: gone when the tab closes, never in an address or a cookie).
 */
import { QUERIES } from './queries.js';

const KEY = 'lotgraph.key';

export const storedKey = (): string | null => sessionStorage.getItem(KEY);
export const storeKey = (key: string) => sessionStorage.setItem(KEY, key.trim());
export const forgetKey = () => sessionStorage.removeItem(KEY);

/** An answer with errors: the first one's message and its code from the contract. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A request to this service with the tab's key, for the routes beside GraphQL (uploads, templates). */
export function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const key = storedKey();
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  return fetch(path, { ...init, headers });
}

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await apiFetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`The service answered HTTP ${res.status} without JSON.`, null, res.status);
  }
  if (body.errors?.length) {
    const [first] = body.errors;
    throw new ApiError(first.message, first.extensions?.code ?? null, res.status);
  }
  return body.data as T;
}

export interface Me {
  keyId: string;
  name: string;
  role: 'VIEWER' | 'RECORDER' | 'QUALITY' | 'ADMIN';
  customerId: string | null;
  supplierId: string | null;
  /** Root fields as "Mutation.holdLots" and routes as "route:recallReport" this key may use. */
  allowed: string[];
}

export const whoAmI = () => gql<{ me: Me }>(QUERIES.me).then((d) => d.me);

export const can = (me: Me, what: string) => me.allowed.includes(what);
