/**
 * `npm start`: the lotgraph service. Without NEO4J_URI it first starts the project's own Neo4j.
 * `npm run demo`: the same, after loading the bakery demo data set (idempotently).
 */
import { loadConfig } from './config.js';
import { loadDemo } from './demo/bakery.js';
import { connectFromEnv } from './db/connect.js';
import { LauncherError } from './db/launcher.js';
import { applySchema } from './db/schema.js';
import { createApolloServer, createHttpServer } from './server.js';

async function main() {
  const config = loadConfig();
  const { db, uri } = await connectFromEnv(config);
  await applySchema(db);
  if (process.argv.includes('--demo')) {
    const summary = await loadDemo(db);
    console.info(`Demo data loaded: ${summary}`);
  }

  const apollo = createApolloServer();
  await apollo.start();
  const server = createHttpServer(apollo, db);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  console.info(`lotgraph serves GraphQL at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/graphql (Neo4j at ${uri})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${signal}: finishing open requests, then stopping.`);
    server.close();
    server.closeIdleConnections();
    await apollo.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof LauncherError ? error.message : error);
  process.exit(1);
});
