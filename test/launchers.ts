/** Launcher Neo4j instances of a test's (or a benchmark's) own; nothing here needs the test runner. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LauncherConfig, launcherConfig } from '../src/db/launcher.js';

/**
 * A small launcher Neo4j of a test file's own, in a scratch directory, for tests that stop it or
 * replace its database (not started here). `portBase`: each file its own range of 1,000.
 */
export function scratchLauncher(label: string, portBase: number): { config: LauncherConfig; stateDir: string } {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), `lotgraph-${label}-test-`));
  const port = portBase + Math.floor(Math.random() * 1_000);
  const config = launcherConfig({
    ...process.env,
    LOTGRAPH_NEO4J_STATE: stateDir,
    LOTGRAPH_NEO4J_BOLT_PORT: String(port),
    LOTGRAPH_NEO4J_HTTP_PORT: String(port + 10_000),
    LOTGRAPH_NEO4J_HEAP: '512m',
    LOTGRAPH_NEO4J_PAGECACHE: '128m',
  });
  return { config, stateDir };
}
