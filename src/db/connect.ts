import { type Config, loadConfig } from '../config.js';
import { createDb, createDriver, type Db } from './driver.js';
import { boltUri, type LauncherConfig, launcherConfig, start } from './launcher.js';

/**
 * The Db that the service and the command-line tools use: NEO4J_URI when it is set, else the
 * project's own Neo4j, started first when it is not running.
 */
export async function connectFromEnv(config: Config = loadConfig()): Promise<{ db: Db; uri: string }> {
  let uri = config.neo4jUri;
  if (!uri) {
    const neo4jConfig = launcherConfig();
    await start(neo4jConfig);
    uri = boltUri(neo4jConfig);
  }
  const db = createDb(createDriver({ uri, user: config.neo4jUser, password: config.neo4jPassword }), config.neo4jDatabase, {
    readTimeoutMs: config.readTimeoutMs,
  });
  return { db, uri };
}

/** A Db on a launcher instance that is running (its Bolt port, its user and password). */
export const connectToLauncher = (c: LauncherConfig): Db => createDb(createDriver({ uri: boltUri(c), user: c.user, password: c.password }));
