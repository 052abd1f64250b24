// npm run db:start | db:stop | db:status: the project's own Neo4j (see src/db/launcher.ts).
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
  } else {
    console.error('usage: db.ts start|stop|status');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof LauncherError ? error.message : error);
  process.exitCode = 1;
}
