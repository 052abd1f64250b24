import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PASSWORD } from './db/launcher.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Requests per minute per key, by role; 0: no limit. `partner` binds keys scoped to a customer or supplier. */
export interface RateLimits {
  anonymous: number;
  partner: number;
  viewer: number;
  recorder: number;
  quality: number;
  admin: number;
  /** The bootstrap admin key (LOTGRAPH_ADMIN_KEY). */
  bootstrap: number;
}

export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
}

/** Everything the service reads from its environment, with the defaults README.md lists. */
export interface Config {
  port: number;
  host: string;
  /** Where lotgraph's own identifiers live (LOTGRAPH_ID_BASE): a lot of a product without a GTIN is {idBase}/lot/{code}. */
  idBase: string;
  /** Unset: the service starts the project's own Neo4j (src/db/launcher.ts) and uses it. */
  neo4jUri: string | null;
  neo4jUser: string;
  neo4jPassword: string;
  neo4jDatabase: string | undefined;
  /** An admin key for operators and scripts; unset: the first start makes one in adminKeyFile. */
  adminKey: string | null;
  adminKeyFile: string;
  /** Origins that browsers may call the API from (CORS); empty: CORS stays off. */
  corsOrigins: string[];
  rateLimits: RateLimits;
  graphqlLimits: GraphqlLimits;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Neo4j ends a read that runs longer (0: no limit); FSMA exports stream and are not bound by it. */
  readTimeoutMs: number;
  /** Heavy reads (traces, recall scopes, FSMA records, KDE gaps) that execute at once; more wait their turn (trace/admission.ts). */
  heavyReads: number;
  /** Secret for signed download links; unset: a random one per process (links die with it). */
  linkSecret: string | null;
  linkTtlSeconds: number;
  logLevel: string;
  /** SIGTERM waits this long for open requests, then exits anyway (with status 1). */
  shutdownGraceMs: number;
  /** GET /metrics on a port of its own (same host); null: on the API's port, for admin keys. */
  metricsPort: number | null;
  /** A GraphQL operation or HTTP request slower than this is logged at warn with its timing. */
  slowMs: number;
  /** The company's name, as partners' lotgraphs show who stated what (LOTGRAPH_COMPANY_NAME). */
  companyName: string;
  /**
   * A file holding this instance's private signing key (a JWK); made there on first start. Unset:
   * the key is kept in Neo4j, shared by every instance on the same database.
   */
  instanceKeyFile: string | null;
  /** How long a call to a partner's lotgraph may take (LOTGRAPH_PARTNER_TIMEOUT_MS). */
  partnerTimeoutMs: number;
  /** The first wait before a recall notice that failed is sent again; it doubles, to 10 minutes. */
  partnerRetryMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  anonymous: 60,
  partner: 300,
  viewer: 3000,
  recorder: 3000,
  quality: 3000,
  admin: 3000,
  bootstrap: 0,
};

export const DEFAULT_GRAPHQL_LIMITS: GraphqlLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 4000,
  maxCost: 20000,
  maxDirectives: 20,
};

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, 0 or more; got "${value}".`);
  return n;
};

/** "partner=300,viewer=0": the roles named take the numbers given, the others keep the defaults. */
export function parseRateLimits(text: string | undefined): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS };
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=').map((p) => p.trim());
    if (!name || !(name in limits)) throw new Error(`LOTGRAPH_RATE_LIMITS: unknown role "${name}"; use ${Object.keys(limits).join(', ')}.`);
    limits[name as keyof RateLimits] = int(value, NaN, `LOTGRAPH_RATE_LIMITS ${name}`);
  }
  return limits;
}

/** The default LOTGRAPH_ID_BASE: .invalid never resolves, so set one of your own before sharing identifiers. */
export const DEFAULT_ID_BASE = 'https://lotgraph.invalid/id';

/** LOTGRAPH_ID_BASE: an http(s) address with no query or fragment, its trailing slash dropped. */
export function parseIdBase(text: string | undefined): string {
  if (!text) return DEFAULT_ID_BASE;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`LOTGRAPH_ID_BASE must be an http(s) address such as https://trace.example.com/id; got "${text}".`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    throw new Error(`LOTGRAPH_ID_BASE must be an http(s) address with no query or fragment, such as https://trace.example.com/id; got "${text}".`);
  }
  return text.replace(/\/+$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 4000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    idBase: parseIdBase(env.LOTGRAPH_ID_BASE),
    neo4jUri: env.NEO4J_URI || null,
    neo4jUser: env.NEO4J_USER ?? 'neo4j',
    neo4jPassword: env.NEO4J_PASSWORD ?? DEFAULT_PASSWORD,
    neo4jDatabase: env.NEO4J_DATABASE || undefined,
    adminKey: env.LOTGRAPH_ADMIN_KEY || null,
    adminKeyFile: path.resolve(ROOT, env.LOTGRAPH_ADMIN_KEY_FILE ?? '.lotgraph/admin-key'),
    corsOrigins: (env.LOTGRAPH_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    rateLimits: parseRateLimits(env.LOTGRAPH_RATE_LIMITS),
    graphqlLimits: {
      maxDepth: int(env.LOTGRAPH_MAX_DEPTH, DEFAULT_GRAPHQL_LIMITS.maxDepth, 'LOTGRAPH_MAX_DEPTH'),
      maxAliases: int(env.LOTGRAPH_MAX_ALIASES, DEFAULT_GRAPHQL_LIMITS.maxAliases, 'LOTGRAPH_MAX_ALIASES'),
      maxTokens: int(env.LOTGRAPH_MAX_TOKENS, DEFAULT_GRAPHQL_LIMITS.maxTokens, 'LOTGRAPH_MAX_TOKENS'),
      maxCost: int(env.LOTGRAPH_MAX_COST, DEFAULT_GRAPHQL_LIMITS.maxCost, 'LOTGRAPH_MAX_COST'),
      maxDirectives: DEFAULT_GRAPHQL_LIMITS.maxDirectives,
    },
    bodyLimit: int(env.LOTGRAPH_BODY_LIMIT, 1024 * 1024, 'LOTGRAPH_BODY_LIMIT'),
    readTimeoutMs: int(env.LOTGRAPH_READ_TIMEOUT_MS, 60_000, 'LOTGRAPH_READ_TIMEOUT_MS'),
    // One core fewer than the machine has: writes waiting on a hot lot's lock need one to run on.
    heavyReads: Math.max(1, int(env.LOTGRAPH_HEAVY_READS, os.availableParallelism() - 1, 'LOTGRAPH_HEAVY_READS')),
    linkSecret: env.LOTGRAPH_LINK_SECRET || null,
    linkTtlSeconds: int(env.LOTGRAPH_LINK_TTL_SECONDS, 900, 'LOTGRAPH_LINK_TTL_SECONDS'),
    logLevel: env.LOG_LEVEL ?? 'info',
    shutdownGraceMs: int(env.LOTGRAPH_SHUTDOWN_GRACE_MS, 10_000, 'LOTGRAPH_SHUTDOWN_GRACE_MS'),
    metricsPort: env.LOTGRAPH_METRICS_PORT ? int(env.LOTGRAPH_METRICS_PORT, 0, 'LOTGRAPH_METRICS_PORT') : null,
    slowMs: int(env.LOTGRAPH_SLOW_MS, 1000, 'LOTGRAPH_SLOW_MS'),
    companyName: env.LOTGRAPH_COMPANY_NAME?.trim() || 'lotgraph',
    instanceKeyFile: env.LOTGRAPH_INSTANCE_KEY_FILE ? path.resolve(ROOT, env.LOTGRAPH_INSTANCE_KEY_FILE) : null,
    partnerTimeoutMs: int(env.LOTGRAPH_PARTNER_TIMEOUT_MS, 5_000, 'LOTGRAPH_PARTNER_TIMEOUT_MS'),
    partnerRetryMs: int(env.LOTGRAPH_PARTNER_RETRY_MS, 2_000, 'LOTGRAPH_PARTNER_RETRY_MS'),
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Why the service must not start with this configuration, or null. */
export function unsafeConfig(config: Config): string | null {
  if (!LOOPBACK.has(config.host) && !config.host.startsWith('127.') && config.neo4jPassword === DEFAULT_PASSWORD) {
    return (
      `lotgraph listens on ${config.host}, beyond this machine, while Neo4j still has the default password. ` +
      'Set NEO4J_PASSWORD to a password of your own (and set it on the Neo4j server), or listen on 127.0.0.1.'
    );
  }
  return null;
}
