/**
 * `npm start`: the lotgraph service. Without NEO4J_URI it first starts the project's own Neo4j.
 * `npm run demo`: the same, after loading the bakery demo data set (idempotently).
 */
import { bootstrapAdminKey, describeAdminKey } from './auth/bootstrap.js';
import { loadConfig, unsafeConfig } from './config.js';
import { loadDemo } from './demo/bakery.js';
import { connectFromEnv } from './db/connect.js';
import { LauncherError } from './db/launcher.js';
import { DomainError, ErrorCode } from './errors.js';
import { applySchema } from './db/schema.js';
import { buildApp } from './server.js';
import { tracePath } from './trace/trace.service.js';

async function main() {
  const config = loadConfig();
  const unsafe = unsafeConfig(config);
  if (unsafe) throw new LauncherError(`lotgraph will not start: ${unsafe}`);
  const admin = bootstrapAdminKey(config);
  const { db, uri } = await connectFromEnv(config);
  await applySchema(db);
  console.info(
    (await tracePath(db)) === 'procedure'
      ? 'Traces run in lotgraph.trace, the procedure built from neo4j/procedures.'
      : 'Traces run as the Cypher of cypher/trace: this Neo4j has no lotgraph.trace procedure (a managed Neo4j, or one started before it was built).',
  );
  if (process.argv.includes('--demo')) {
    try {
      console.info(`Demo data loaded: ${await loadDemo(db)}`);
    } catch (error) {
      // A database from an earlier version holds demo records with other content (they carry no
      // FSMA 204 KDEs): lotgraph never overwrites a record, so say how to start afresh instead.
      if (!(error instanceof DomainError && error.code === ErrorCode.ALREADY_EXISTS)) throw error;
      console.warn(
        `The demo data was not loaded: ${error.message}\nThis database holds demo records from an earlier version of the demo. ` +
          'To load the current one into a fresh database: npm run db:stop, remove neo4j/data, then npm run demo again.',
      );
    }
  }

  const service = await buildApp({ db, config: { ...config, adminKey: admin.key } });
  await service.app.listen({ port: config.port, host: config.host });
  if (service.metricsServer) {
    await service.metricsServer.listen({ port: config.metricsPort ?? 0, host: config.host });
    console.info(`Metrics at http://${config.host}:${config.metricsPort}/metrics`);
  }
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.info(`lotgraph serves GraphQL at http://${host}:${config.port}/graphql (Neo4j at ${uri})`);
  console.info(describeAdminKey(admin, config.adminKeyFile));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${signal}: finishing open requests, then stopping.`);
    // A request that never ends (a client stalled mid-upload) must not keep the process forever.
    setTimeout(() => {
      console.error(`${signal}: requests still open after ${config.shutdownGraceMs} ms; stopping without them.`);
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    await service.close();
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
