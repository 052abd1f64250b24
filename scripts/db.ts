// npm run db:start | db:stop | db:status: the project's own Neo4j (see src/db/launcher.ts).
// npm run db:backup [-- file] | db:restore -- file: a full dump of its database, and loading one
// back (src/db/backup.ts; Neo4j is stopped meanwhile, as Community Edition requires).
import { ROOT } from '../src/config.js';
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
  } else {
    console.error('usage: db.ts start|stop|status|backup [file]|restore <file>');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof LauncherError ? error.message : error);
  process.exitCode = 1;
}
