// npm run db:start | db:stop | db:status: the project's own Neo4j (see src/db/launcher.ts).
// npm run db:backup [-- file] | db:restore -- file: a full dump of its database, and loading one
// back (src/db/backup.ts; Neo4j is stopped meanwhile, as Community Edition requires).
// npm run db:analytics [-- refresh [--backup] | stop | status]: the analysts' read-only copy (src/db/analytics.ts).
// npm run db:export [-- file] | db:import -- file: every record as NDJSON, online, and loading it
// into an empty database (src/db/export.ts); NEO4J_URI or the project's own Neo4j.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { connectFromEnv } from '../src/db/connect.js';
import { defaultExportFile, ExportError, exportToFile, importRecords } from '../src/db/export.js';
import { ROOT } from '../src/config.js';
import { analyticsConfig, DEFAULT_ANALYTICS_PASSWORD, loadedFrom, refreshAnalytics } from '../src/db/analytics.js';
import { backupDatabase, defaultBackupFile, restoreDatabase } from '../src/db/backup.js';
import { LauncherError, launcherConfig, start, status, stop } from '../src/db/launcher.js';

const command = process.argv[2];
const config = launcherConfig();

try {
  if (command === 'start') {
    const started = await start(config);
    const s = await status(config);
    console.log(`${started ? 'Neo4j started' : 'Neo4j was already running'}: Bolt ${s.uri}, Browser ${s.browser} (user neo4j)`);
  } else if (command === 'stop') {
    console.log((await stop(config)) ? 'Neo4j stopped.' : 'Neo4j was not running.');
  } else if (command === 'status') {
    const s = await status(config);
    if (!s.running) {
      console.log('Neo4j is not running (npm run db:start starts it).');
      process.exitCode = 3;
    } else {
      console.log(`Neo4j is running (pid ${s.pid}); Bolt ${s.uri} ${s.bolt ? 'answers' : 'does not answer yet'}; Browser ${s.browser}`);
      if (!s.bolt) process.exitCode = 1;
    }
  } else if (command === 'backup') {
    const r = await backupDatabase(config, process.argv[3] ?? defaultBackupFile(ROOT), (line) => console.log(line));
    console.log(`Backed up the database to ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB) in ${r.seconds.toFixed(1)} s${r.wasRunning ? '; Neo4j is running again' : ''}.`);
  } else if (command === 'restore') {
    const file = process.argv[3];
    if (!file) {
      console.error('usage: npm run db:restore -- <file.dump>  (replaces the whole database with the dump)');
      process.exitCode = 2;
    } else {
      const r = await restoreDatabase(config, file, (line) => console.log(line));
      console.log(`Restored the database from ${file} in ${r.seconds.toFixed(1)} s; Neo4j is running.`);
    }
  } else if (command === 'export') {
    const file = path.resolve(process.argv[3] ?? defaultExportFile(ROOT));
    mkdirSync(path.dirname(file), { recursive: true });
    const { db } = await connectFromEnv();
    try {
      const t = performance.now();
      const counts = await exportToFile(db, file);
      console.log(`Exported ${counts.nodes} nodes and ${counts.relationships} relationships to ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
    } finally {
      await db.close();
    }
  } else if (command === 'import') {
    const file = process.argv[3];
    if (!file) {
      console.error('usage: npm run db:import -- <export.ndjson[.gz]>  (into an empty database)');
      process.exitCode = 2;
    } else {
      const { db } = await connectFromEnv();
      try {
        const t = performance.now();
        const counts = await importRecords(db, file, { log: (line) => console.log(line) });
        console.log(`Loaded ${counts.nodes} nodes and ${counts.relationships} relationships from ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
      } catch (error) {
        if (!(error instanceof ExportError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
      } finally {
        await db.close();
      }
    }
  } else if (command === 'analytics') {
    await analytics(process.argv[3] ?? 'start', process.argv.includes('--backup'));
  } else {
    console.error('usage: db.ts start|stop|status|backup [file]|restore <file>|export [file]|import <file>|analytics [refresh [--backup]|stop|status]');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof LauncherError ? error.message : error);
  process.exitCode = 1;
}

async function analytics(action: string, backupFirst: boolean) {
  const c = analyticsConfig();
  const describe = async () => {
    const s = await status(c);
    const loaded = loadedFrom(c);
    const password = process.env.LOTGRAPH_ANALYTICS_PASSWORD ? 'LOTGRAPH_ANALYTICS_PASSWORD' : `"${DEFAULT_ANALYTICS_PASSWORD}" (set LOTGRAPH_ANALYTICS_PASSWORD for your own)`;
    return (
      `The analytics copy (read-only) ${s.running ? 'runs' : 'is stopped'}: Browser ${s.browser}, Bolt ${s.uri}, user neo4j, password ${password}.\n` +
      (loaded ? `It holds the backup ${loaded.file}, loaded ${loaded.at}; npm run db:analytics -- refresh loads the latest.` : 'It holds no backup yet.')
    );
  };
  if (action === 'stop') {
    console.log((await stop(c)) ? 'The analytics copy stopped.' : 'The analytics copy was not running.');
  } else if (action === 'status') {
    console.log(await describe());
  } else if (action === 'refresh' || (action === 'start' && !loadedFrom(c))) {
    const r = await refreshAnalytics(c, { backupFirst, production: config, log: (line) => console.log(line) });
    console.log(`Loaded in ${r.seconds.toFixed(1)} s.\n${await describe()}`);
  } else if (action === 'start') {
    await start(c);
    console.log(await describe());
  } else {
    console.error('usage: npm run db:analytics [-- refresh [--backup] | stop | status]');
    process.exitCode = 2;
  }
}
