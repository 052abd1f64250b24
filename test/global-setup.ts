/**
 * Finds the Neo4j the integration tests run against, in this order: NEO4J_URI if set; a
 * testcontainers Neo4j if a Docker engine answers; otherwise the project's own launcher (which
 * the tests stop again if they started it).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { boltUri, DEFAULT_PASSWORD, ensureProcedures, launcherConfig, PROCEDURE_JAR, start, stop } from '../src/db/launcher.js';
import { applySchema } from '../src/db/schema.js';
import { createDb, createDriver } from '../src/db/driver.js';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  source: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jTarget;
  }
}

async function dockerAnswers(): Promise<boolean> {
  if (process.env.LOTGRAPH_TEST_NO_DOCKER) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const probe = getContainerRuntimeClient().then(() => true, () => false);
    return await Promise.race([probe, new Promise<boolean>((r) => setTimeout(() => r(false), 15_000).unref())]);
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject) {
  let target: Neo4jTarget;
  let teardown: () => Promise<unknown> = async () => undefined;

  if (process.env.NEO4J_URI) {
    target = {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? DEFAULT_PASSWORD,
      source: 'NEO4J_URI',
    };
  } else if (await dockerAnswers()) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    // The official image loads every jar in /plugins: lotgraph's trace procedure goes there.
    const jar = ensureProcedures(launcherConfig(), (line) => console.info(`[neo4j] ${line}`));
    const container = await new Neo4jContainer('neo4j:5.26-community')
      .withPassword(DEFAULT_PASSWORD)
      .withCopyFilesToContainer([{ source: jar, target: `/plugins/${PROCEDURE_JAR}` }])
      .start();
    target = { uri: container.getBoltUri(), user: 'neo4j', password: DEFAULT_PASSWORD, source: 'testcontainers' };
    teardown = () => container.stop();
  } else {
    // A Neo4j of the tests' own (own data, own ports), so that test records never show up in
    // the database that `npm run demo` and `npm start` use.
    const config = launcherConfig({
      ...process.env,
      LOTGRAPH_NEO4J_STATE: path.join(root, 'neo4j', 'test'),
      LOTGRAPH_NEO4J_BOLT_PORT: process.env.LOTGRAPH_TEST_BOLT_PORT ?? '7689',
      LOTGRAPH_NEO4J_HTTP_PORT: process.env.LOTGRAPH_TEST_HTTP_PORT ?? '7476',
      LOTGRAPH_NEO4J_HEAP: '1g',
      LOTGRAPH_NEO4J_PAGECACHE: '512m',
    });
    const started = await start(config, (line) => console.info(`[neo4j] ${line}`));
    target = { uri: boltUri(config), user: config.user, password: config.password, source: 'launcher' };
    if (started) teardown = () => stop(config);
  }
  console.info(`Integration tests use Neo4j at ${target.uri} (${target.source}).`);

  const db = createDb(createDriver(target));
  try {
    await applySchema(db);
  } finally {
    await db.close();
  }
  project.provide('neo4j', target);
  return teardown;
}
