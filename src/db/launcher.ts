/**
 * Starts a real Neo4j Community server without Docker: its jars come from Maven Central
 * (neo4j/pom.xml, copied once into neo4j/lib), its config is written to neo4j/run/conf, its
 * data lives in neo4j/data and survives restarts. Used by `npm run db:*`, by `npm start`
 * when NEO4J_URI is not set, and by the tests when no other Neo4j is at hand.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LauncherConfig {
  /** Where the jars and pom live (neo4j/). */
  home: string;
  /** Where this instance keeps data/, logs/ and run/ (neo4j/ by default; the benchmarks use their own). */
  stateDir: string;
  dataDir: string;
  boltPort: number;
  httpPort: number;
  user: string;
  password: string;
  heap: string;
  pageCache: string;
  /** Every user database read-only (the analysts' copy, `npm run db:analytics`). */
  readOnly: boolean;
}

export const DEFAULT_PASSWORD = 'lotgraph-dev';

export function launcherConfig(env: NodeJS.ProcessEnv = process.env): LauncherConfig {
  const home = path.join(projectRoot, 'neo4j');
  const stateDir = path.resolve(env.LOTGRAPH_NEO4J_STATE ?? home);
  return {
    home,
    stateDir,
    dataDir: path.resolve(env.LOTGRAPH_NEO4J_DATA ?? path.join(stateDir, 'data')),
    boltPort: Number(env.LOTGRAPH_NEO4J_BOLT_PORT ?? 7687),
    httpPort: Number(env.LOTGRAPH_NEO4J_HTTP_PORT ?? 7474),
    user: 'neo4j',
    password: env.NEO4J_PASSWORD ?? DEFAULT_PASSWORD,
    // Sized for a 2-core, 24 GiB machine that also runs the API, the tests and PostgreSQL.
    heap: env.LOTGRAPH_NEO4J_HEAP ?? '4g',
    pageCache: env.LOTGRAPH_NEO4J_PAGECACHE ?? '4g',
    readOnly: env.LOTGRAPH_NEO4J_READ_ONLY === 'true',
  };
}

export const boltUri = (c: LauncherConfig) => `bolt://127.0.0.1:${c.boltPort}`;

const runDir = (c: LauncherConfig) => path.join(c.stateDir, 'run');
const libDir = (c: LauncherConfig) => path.join(c.home, 'lib');
/** Where Neo4j loads procedures from: lotgraph's own, built from neo4j/procedures. */
export const pluginsDir = (c: LauncherConfig) => path.join(c.home, 'plugins');
const proceduresDir = (c: LauncherConfig) => path.join(c.home, 'procedures');
const logDir = (c: LauncherConfig) => path.join(c.stateDir, 'logs');
const pidFile = (c: LauncherConfig) => path.join(runDir(c), 'neo4j.pid');
export const consoleLog = (c: LauncherConfig) => path.join(logDir(c), 'console.log');

export class LauncherError extends Error {}

function javaCommand(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Java 17 or newer must be on the PATH (or under JAVA_HOME); says so plainly when it is not. */
export function checkJava(): number {
  const java = javaCommand();
  const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) {
    throw new LauncherError(
      `Java 17 or newer is needed to run Neo4j, and "${java}" could not be run. ` +
        'Install a JDK 17+ (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(out.stderr + out.stdout);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (major < 17) {
    throw new LauncherError(`Neo4j 5.26 needs Java 17 or newer; "${java}" is Java ${major}. Set JAVA_HOME to a JDK 17+.`);
  }
  return major;
}

function pomDigest(c: LauncherConfig): string {
  return createHash('sha256').update(readFileSync(path.join(c.home, 'pom.xml'))).digest('hex');
}

/** Copies Neo4j's jars from Maven Central into neo4j/lib, once per version of the pom. */
export function ensureJars(c: LauncherConfig, log: (s: string) => void = console.log): void {
  const stamp = path.join(libDir(c), '.pom-sha256');
  const digest = pomDigest(c);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  requireMaven('once, to fetch Neo4j from Maven Central');
  log('Fetching Neo4j from Maven Central into neo4j/lib (once; about 130 MB)...');
  rmSync(libDir(c), { recursive: true, force: true });
  const mvn = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(c.home, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${libDir(c)}`, '-DincludeScope=runtime'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (mvn.status !== 0) {
    throw new LauncherError(`Maven could not fetch Neo4j (exit ${mvn.status}):\n${(mvn.stdout + mvn.stderr).slice(-3000)}`);
  }
  writeFileSync(stamp, digest);
}

function requireMaven(why: string): void {
  const mvnCheck = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvnCheck.error || mvnCheck.status !== 0) {
    throw new LauncherError(`Maven is needed ${why}, and "mvn" could not be run. Install it (Debian: apt-get install maven) and try again.`);
  }
}

/** Every file the procedure jar is built from, for the digest that says when to build it again. */
function procedureSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'target' ? [] : procedureSources(full);
    return [full];
  });
}

export const PROCEDURE_JAR = 'lotgraph-procedures.jar';

/**
 * Builds lotgraph's trace procedure (neo4j/procedures, Maven) into neo4j/plugins, once per change
 * of its sources. Neo4j loads it at start; the API uses it when it is there (cypher/trace stays
 * the fallback and the tests' oracle).
 */
export function ensureProcedures(c: LauncherConfig, log: (s: string) => void = console.log): string {
  const jar = path.join(pluginsDir(c), PROCEDURE_JAR);
  const stamp = path.join(pluginsDir(c), '.sources-sha256');
  const hash = createHash('sha256');
  for (const file of procedureSources(proceduresDir(c)).sort()) hash.update(path.relative(c.home, file)).update(readFileSync(file));
  const digest = hash.digest('hex');
  if (existsSync(jar) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return jar;
  requireMaven('to build lotgraph\'s trace procedure');
  log('Building lotgraph\'s trace procedure (neo4j/procedures) into neo4j/plugins...');
  const mvn = spawnSync('mvn', ['-q', '-B', '-f', path.join(proceduresDir(c), 'pom.xml'), 'package'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (mvn.status !== 0) {
    throw new LauncherError(`Maven could not build the trace procedure (exit ${mvn.status}):\n${(mvn.stdout + mvn.stderr).slice(-3000)}`);
  }
  mkdirSync(pluginsDir(c), { recursive: true });
  copyFileSync(path.join(proceduresDir(c), 'target', PROCEDURE_JAR), jar);
  writeFileSync(stamp, digest);
  return jar;
}

export function neo4jConf(c: LauncherConfig): string {
  return [
    '# Written by lotgraph\'s launcher (src/db/launcher.ts) at every start; edit the launcher, not this file.',
    'server.default_listen_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${c.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${c.boltPort}`,
    `server.http.listen_address=127.0.0.1:${c.httpPort}`,
    `server.http.advertised_address=127.0.0.1:${c.httpPort}`,
    'server.https.enabled=false',
    `server.directories.data=${c.dataDir}`,
    `server.directories.logs=${logDir(c)}`,
    `server.directories.run=${runDir(c)}`,
    `server.directories.plugins=${pluginsDir(c)}`,
    `server.memory.heap.initial_size=${c.heap}`,
    `server.memory.heap.max_size=${c.heap}`,
    `server.memory.pagecache.size=${c.pageCache}`,
    'dbms.security.auth_enabled=true',
    'dbms.usage_report.enabled=false',
    'server.jvm.additional=-XX:+UseG1GC',
    // Traces over long chains are deep: a generous transaction memory budget is still bounded.
    'dbms.memory.transaction.total.max=2g',
    // Neo4j refuses every write to a user database (the system database, with the users, stays writable).
    ...(c.readOnly ? ['server.databases.default_to_read_only=true'] : []),
    '',
  ].join('\n');
}

const JVM_OPENS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

function readPid(c: LauncherConfig): number | null {
  try {
    const pid = Number(readFileSync(pidFile(c), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Writes this instance's directories and neo4j.conf; gives the conf directory and the environment Neo4j's tools run with. */
function prepare(c: LauncherConfig) {
  for (const dir of [runDir(c), logDir(c), c.dataDir, path.join(runDir(c), 'conf')]) mkdirSync(dir, { recursive: true });
  const confDir = path.join(runDir(c), 'conf');
  writeFileSync(path.join(confDir, 'neo4j.conf'), neo4jConf(c));
  return { confDir, env: { ...process.env, NEO4J_HOME: c.home, NEO4J_CONF: confDir } };
}

/**
 * Runs Neo4j's own admin tool (neo4j-admin) on this instance's configuration, e.g.
 * `['database', 'import', 'full', ...]`; the jars must be in place (start() or ensureJars).
 */
export function adminTool(c: LauncherConfig, args: string[], options: { heap?: string } = {}): { status: number | null; output: string } {
  checkJava();
  ensureJars(c, () => undefined);
  const { env } = prepare(c);
  const heap = options.heap ? [`-Xmx${options.heap}`] : [];
  const run = spawnSync(javaCommand(), [...JVM_OPENS, ...heap, '-cp', `${libDir(c)}/*`, 'org.neo4j.cli.AdminTool', ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}` };
}

/** True when Bolt accepts a login with the configured password. */
export async function boltAnswers(c: LauncherConfig): Promise<boolean> {
  const driver = neo4j.driver(boltUri(c), neo4j.auth.basic(c.user, c.password), { connectionTimeout: 2000 });
  try {
    // A query in the default database, not only the handshake: after a crash Bolt answers while
    // that database still recovers (seconds), and a query in it would fail.
    const session = driver.session();
    try {
      await session.run('RETURN 1');
    } finally {
      await session.close();
    }
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export interface Status {
  running: boolean;
  pid: number | null;
  bolt: boolean;
  uri: string;
  browser: string;
}

export async function status(c = launcherConfig()): Promise<Status> {
  const pid = readPid(c);
  const running = pid !== null && alive(pid);
  return {
    running,
    pid: running ? pid : null,
    bolt: running ? await boltAnswers(c) : false,
    uri: boltUri(c),
    browser: `http://127.0.0.1:${c.httpPort}/browser/`,
  };
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}

/**
 * Starts Neo4j unless it already runs; resolves once Bolt accepts the configured password.
 * Returns true when this call started it.
 */
export async function start(c = launcherConfig(), log: (s: string) => void = console.log): Promise<boolean> {
  const pid = readPid(c);
  if (pid !== null && alive(pid)) {
    await waitForBolt(c, pid);
    return false;
  }
  if (await portOpen(c.boltPort)) {
    if (await boltAnswers(c)) {
      log(`A Neo4j not started by lotgraph already answers on ${boltUri(c)} with the configured password; using it.`);
      return false;
    }
    throw new LauncherError(
      `Port ${c.boltPort} is taken by another process. Stop it, or set LOTGRAPH_NEO4J_BOLT_PORT (and NEO4J_URI for the API).`,
    );
  }
  checkJava();
  ensureJars(c, log);
  ensureProcedures(c, log);
  const { confDir, env } = prepare(c);
  const classpath = `${libDir(c)}/*`;
  // The password is set once, before the first start; later it is the database's own.
  if (!existsSync(path.join(c.dataDir, 'dbms', 'auth.ini'))) {
    const setPw = adminTool(c, ['dbms', 'set-initial-password', c.password]);
    if (setPw.status !== 0) throw new LauncherError(`Could not set Neo4j's initial password:\n${setPw.output}`);
  }

  const out = openSync(consoleLog(c), 'a');
  const child = spawn(
    javaCommand(),
    [
      ...JVM_OPENS,
      `-Xms${c.heap}`,
      `-Xmx${c.heap}`,
      '-cp',
      classpath,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${c.home}`,
      `--config-dir=${confDir}`,
      '--console-mode',
    ],
    { detached: true, stdio: ['ignore', out, out], env },
  );
  child.unref();
  writeFileSync(pidFile(c), String(child.pid));
  log(`Starting Neo4j 5.26 (pid ${child.pid}); log: ${path.relative(process.cwd(), consoleLog(c))}`);
  await waitForBolt(c, child.pid!);
  return true;
}

async function waitForBolt(c: LauncherConfig, pid: number, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) {
      throw new LauncherError(`Neo4j exited during start-up. Last lines of ${consoleLog(c)}:\n${tail(consoleLog(c))}`);
    }
    if (await boltAnswers(c)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new LauncherError(
    `Neo4j did not answer on ${boltUri(c)} within ${timeoutMs / 1000} s. ` +
      `If it runs with another password, set NEO4J_PASSWORD. Last lines of ${consoleLog(c)}:\n${tail(consoleLog(c))}`,
  );
}

/** Stops the Neo4j this launcher started; returns false when none was running. */
export async function stop(c = launcherConfig(), timeoutMs = 60_000): Promise<boolean> {
  const pid = readPid(c);
  if (pid === null || !alive(pid)) {
    rmSync(pidFile(c), { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile(c), { force: true });
  return true;
}
