/**
 * The analysts' own copy: a second launcher Neo4j, on other ports and with a password of its own,
 * loaded from a backup and started with every user database read-only. Neo4j Community Edition
 * has one all-powerful user, so an analyst in Neo4j Browser on the production database could
 * delete the records FSMA 204 says must be kept, and no audit trail would see it. Here Neo4j
 * itself refuses every write, and the production password stays with the service.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../config.js';
import { backupDatabase, defaultBackupFile, restoreDatabase } from './backup.js';
import { type LauncherConfig, launcherConfig, LauncherError } from './launcher.js';

export const DEFAULT_ANALYTICS_PASSWORD = 'lotgraph-analytics';

/** The copy's launcher settings: its own state directory, ports, password and (smaller) memory. */
export function analyticsConfig(env: NodeJS.ProcessEnv = process.env): LauncherConfig {
  return launcherConfig({
    ...env,
    LOTGRAPH_NEO4J_STATE: env.LOTGRAPH_ANALYTICS_STATE ?? path.join(ROOT, 'neo4j', 'analytics'),
    LOTGRAPH_NEO4J_DATA: undefined,
    LOTGRAPH_NEO4J_BOLT_PORT: env.LOTGRAPH_ANALYTICS_BOLT_PORT ?? '7690',
    LOTGRAPH_NEO4J_HTTP_PORT: env.LOTGRAPH_ANALYTICS_HTTP_PORT ?? '7477',
    NEO4J_PASSWORD: env.LOTGRAPH_ANALYTICS_PASSWORD ?? DEFAULT_ANALYTICS_PASSWORD,
    LOTGRAPH_NEO4J_HEAP: env.LOTGRAPH_ANALYTICS_HEAP ?? '1g',
    LOTGRAPH_NEO4J_PAGECACHE: env.LOTGRAPH_ANALYTICS_PAGECACHE ?? '1g',
    LOTGRAPH_NEO4J_READ_ONLY: 'true',
  });
}

/** The newest dump in a directory (by modification time), or null. */
export function latestBackup(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const dumps = readdirSync(dir)
    .filter((f) => f.endsWith('.dump'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return dumps[0] ?? null;
}

const loadedFile = (c: LauncherConfig) => path.join(c.stateDir, 'loaded-from.txt');

/** Which backup the copy holds, and when it was loaded; null before the first refresh. */
export function loadedFrom(c: LauncherConfig): { file: string; at: string } | null {
  try {
    return JSON.parse(readFileSync(loadedFile(c), 'utf8'));
  } catch {
    return null;
  }
}

export interface RefreshOptions {
  /** Take a new backup of the production database first (Community Edition stops it meanwhile). */
  backupFirst?: boolean;
  /** The production database's launcher settings, for backupFirst. */
  production?: LauncherConfig;
  backupsDir?: string;
  log?: (line: string) => void;
}

/** Replaces the copy's database with the latest backup (or a new one) and starts it read-only. */
export async function refreshAnalytics(c: LauncherConfig, options: RefreshOptions = {}): Promise<{ file: string; seconds: number }> {
  if (!c.readOnly) throw new LauncherError('The analytics copy must be read-only.');
  const t = performance.now();
  const log = options.log ?? (() => undefined);
  const backupsDir = options.backupsDir ?? path.join(ROOT, 'backups');
  let file = latestBackup(backupsDir);
  if (options.backupFirst) {
    const made = await backupDatabase(options.production ?? launcherConfig(), path.join(backupsDir, path.basename(defaultBackupFile(ROOT))), log);
    file = made.file;
  }
  if (!file) throw new LauncherError(`There is no backup in ${backupsDir} to load: run npm run db:backup first, or db:analytics -- refresh --backup.`);
  log(`Loading ${path.relative(process.cwd(), file)} into the analytics copy...`);
  await restoreDatabase(c, file, log);
  writeFileSync(loadedFile(c), JSON.stringify({ file, at: new Date().toISOString() }));
  return { file, seconds: (performance.now() - t) / 1000 };
}
