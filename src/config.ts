import { DEFAULT_PASSWORD } from './db/launcher.js';

/** Everything the service reads from its environment, with the defaults README.md lists. */
export interface Config {
  port: number;
  host: string;
  /** Unset: the service starts the project's own Neo4j (src/db/launcher.ts) and uses it. */
  neo4jUri: string | null;
  neo4jUser: string;
  neo4jPassword: string;
  neo4jDatabase: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    neo4jUri: env.NEO4J_URI || null,
    neo4jUser: env.NEO4J_USER ?? 'neo4j',
    neo4jPassword: env.NEO4J_PASSWORD ?? DEFAULT_PASSWORD,
    neo4jDatabase: env.NEO4J_DATABASE || undefined,
  };
}
