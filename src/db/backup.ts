/**
 * Full backups of the launcher's database with Neo4j's own tools: `neo4j-admin database dump`
 * and `database load`. Neo4j Community Edition dumps and loads only a stopped database, so a
 * backup stops Neo4j for its duration (the API answers 503 meanwhile and recovers by itself) and
 * starts it again if it was running; a restore replaces the whole database with the dump's.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminTool, type LauncherConfig, LauncherError, start, status, stop } from './launcher.js';

export interface BackupReport {
  file: string;
  bytes: number;
  seconds: number;
  /** Whether Neo4j was running before, and so was stopped and started again. */
  wasRunning: boolean;
}

/** Where backups go unless a file is given: backups/ at the project root (git-ignored). */
export const defaultBackupFile = (root: string, now = new Date()) =>
  path.join(root, 'backups', `lotgraph-${now.toISOString().replace(/[:.]/g, '-')}.dump`);

async function stopped<T>(c: LauncherConfig, log: (line: string) => void, work: (wasRunning: boolean) => T): Promise<T> {
  const wasRunning = (await status(c)).running;
  if (wasRunning) {
    log('Stopping Neo4j: Community Edition dumps and loads only a stopped database...');
    await stop(c);
  }
  try {
    return work(wasRunning);
  } finally {
    if (wasRunning) await start(c, log);
  }
}

/** Dumps the launcher's database into `file` (a consistent copy of everything in it). */
export async function backupDatabase(c: LauncherConfig, file: string, log: (line: string) => void = () => undefined): Promise<BackupReport> {
  const t = performance.now();
  const target = path.resolve(file);
  if (existsSync(target)) throw new LauncherError(`${target} exists; a backup never overwrites a file.`);
  if (!existsSync(path.join(c.dataDir, 'databases', 'neo4j'))) throw new LauncherError('There is no database to back up yet (npm run db:start creates it).');
  mkdirSync(path.dirname(target), { recursive: true });
  const work = mkdtempSync(path.join(path.dirname(target), '.dump-'));
  try {
    const wasRunning = await stopped(c, log, (running) => {
      const run = adminTool(c, ['database', 'dump', `--to-path=${work}`, 'neo4j']);
      if (run.status !== 0) throw new LauncherError(`neo4j-admin database dump failed:\n${run.output.split('\n').slice(-20).join('\n')}`);
      return running;
    });
    renameSync(path.join(work, 'neo4j.dump'), target);
    return { file: target, bytes: statSync(target).size, seconds: (performance.now() - t) / 1000, wasRunning };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Replaces the launcher's database with the dump in `file`; Neo4j runs afterwards. */
export async function restoreDatabase(c: LauncherConfig, file: string, log: (line: string) => void = () => undefined): Promise<{ seconds: number }> {
  const t = performance.now();
  const source = path.resolve(file);
  if (!existsSync(source)) throw new LauncherError(`${source} does not exist.`);
  // database load reads <database>.dump from a directory.
  const work = mkdtempSync(path.join(os.tmpdir(), 'lotgraph-restore-'));
  try {
    copyFileSync(source, path.join(work, 'neo4j.dump'));
    const wasRunning = await stopped(c, log, (running) => {
      const run = adminTool(c, ['database', 'load', `--from-path=${work}`, '--overwrite-destination=true', 'neo4j']);
      if (run.status !== 0) throw new LauncherError(`neo4j-admin database load failed:\n${run.output.split('\n').slice(-20).join('\n')}`);
      return running;
    });
    if (!wasRunning) await start(c, log);
    return { seconds: (performance.now() - t) / 1000 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
