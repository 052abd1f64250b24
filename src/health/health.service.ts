import { readFileSync } from 'node:fs';
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/driver.js';

const ping = cypher('health/ping');

export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export interface Health {
  status: 'ok' | 'degraded';
  neo4j: boolean;
  version: string;
}

/** Whether Neo4j answers a query now (within two seconds). */
export async function health(db: Db): Promise<Health> {
  const neo4j = await Promise.race([
    db.run(ping).then(() => true, () => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
  ]);
  return { status: neo4j ? 'ok' : 'degraded', neo4j, version: VERSION };
}
