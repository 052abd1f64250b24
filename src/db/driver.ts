/**
 * The one module that talks to Neo4j. `Db` runs named statements (cypher/*.cypher) in managed
 * transactions, retried on transient errors (deadlocks, leader changes, Neo4j down) by `retrying`; a
 * `Tx` is the same `run` inside one write transaction, so a mutation's statements commit or
 * roll back together. A mutation that is one self-checking statement (a receipt, a batch, a
 * shipment) runs it with `writeAlone`, which Neo4j commits as the statement ends.
 */
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord, type Session } from 'neo4j-driver';
import { type CypherStatement, writes } from './cypher.js';
import { toPlain } from './values.js';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** Anything that runs a statement: the Db itself (one read transaction) or an open Tx. */
export interface Runner {
  run<T = Row>(statement: CypherStatement, params?: Params): Promise<T[]>;
}

export interface Db extends Runner {
  /**
   * Runner.run on the Db is one read in an auto-commit transaction: one round trip instead of a
   * managed transaction's two (a read of one statement needs no more), retried on transient errors.
   */
  /**
   * Runs one read and yields its rows as they arrive (the driver pulls `fetchSize` rows at a time,
   * 1000 unless told, with back-pressure).
   */
  stream<T = Row>(statement: CypherStatement, params?: Params, options?: StreamOptions): AsyncIterable<T>;
  /**
   * Runs `work` in one write transaction: all its statements commit together, or none. Every
   * statement in it may read `$actorKeyId`: the API key on whose behalf it writes (null when the
   * service writes on its own), kept beside the free-text `by` of what it records.
   */
  write<T>(work: (tx: Runner) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * Runs `work`'s one statement as an auto-commit write: Neo4j commits it as soon as it has run,
   * so the locks it takes are held for the statement and the commit alone, not until this process
   * has read the answer and sent COMMIT (a round trip, and a wait for the event loop when other
   * requests keep it busy). Only for a statement that checks its own rules and writes nothing when
   * one fails, since nothing can be rolled back once its answer is here: a second statement is refused.
   * Retried on transient errors as `write` is; `$actorKeyId` as there.
   */
  writeAlone<T>(work: (tx: Runner) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Runs `work` in one read transaction. */
  read<T>(work: (tx: Runner) => Promise<T>): Promise<T>;
  /** Statements sent to Neo4j so far: each is one round trip. */
  readonly roundTrips: number;
  /** Sessions open now: each holds one of the pool's connections while it runs. */
  readonly openSessions: number;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StreamOptions {
  fetchSize?: number;
  /** Rows with the driver's own values (temporal types, Integers) rather than plain ones: for the logical export. */
  raw?: boolean;
}

export interface WriteOptions {
  actorKeyId?: string | null;
}

export interface DbConfig {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

/** A statement sent in the wrong access mode: a fault in lotgraph's code, never in the request. */
export class AccessModeError extends Error {}

export interface DbOptions {
  /**
   * Refuse a write transaction that ran statements but none that writes (it would hold a
   * cluster leader for a read). The tests turn this on; a read statement is always refused
   * in a read session.
   */
  strictWrites?: boolean;
  /** Neo4j ends a read (not a streamed export) that runs longer; 0: no limit. */
  readTimeoutMs?: number;
  /** How long a transaction is retried on transient errors (a deadlock, Neo4j down); 10 s unless told. */
  retryMs?: number;
}

/** The most connections the driver opens to Neo4j. */
export const POOL_SIZE = 100;

export function createDriver(config: DbConfig): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    useBigInt: true,
    maxConnectionPoolSize: POOL_SIZE,
    connectionAcquisitionTimeout: 60_000,
    // A Neo4j that is starting accepts connections before it answers them: fail such an attempt
    // soon and retry, rather than wait the driver's default 30 s while the database is back.
    connectionTimeout: 5_000,
    // The driver's own retries wait 1, 2, 4, 8 s between attempts: a database that came back
    // during an 8 s pause waits for it. `retrying` below retries instead, at most 1 s apart.
    maxTransactionRetryTime: 0,
  });
}

/** A record as a plain row: one object built straight from its fields (streams run to millions of rows). */
function plainRow(record: Neo4jRecord): Row {
  const row: Row = {};
  for (let i = 0; i < record.keys.length; i += 1) row[record.keys[i] as string] = toPlain(record.get(i));
  return row;
}

const writing = new Map<string, boolean>();
/** Whether a statement writes (cypher.ts `writes`), remembered by text. */
function isWrite(statement: CypherStatement): boolean {
  let answer = writing.get(statement.text);
  if (answer === undefined) {
    answer = writes(statement.text);
    if (writing.size < 10_000) writing.set(statement.text, answer);
  }
  return answer;
}

function refuseWrite(statement: CypherStatement): void {
  if (isWrite(statement)) {
    throw new AccessModeError(`${statement.name} writes, and was sent in a read session; run it in db.write (a cluster routes reads to secondaries).`);
  }
}

/** What a write transaction has sent so far: statements, and whether one of them writes. */
interface WriteTally {
  ran: number;
  wrote: boolean;
}

function txRunner(tx: ManagedTransaction, count: () => void, always: Params = {}, tally: WriteTally | null = null): Runner {
  return {
    async run<T>(statement: CypherStatement, params: Params = {}) {
      if (!tally) refuseWrite(statement);
      else {
        tally.ran += 1;
        if (!tally.wrote) tally.wrote = isWrite(statement);
      }
      count();
      const result = await tx.run(statement.text, { ...always, ...params });
      return result.records.map((r) => plainRow(r) as T);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `attempt` again on transient errors (a deadlock, a lost connection, a database that is
 * down or starting) until `retryMs` has passed, then throws the last error (the API answers 503).
 * Pauses grow from 50 ms to at most 1 s, with jitter, so that a database that is back is used
 * within a second, and writers that deadlocked do not meet again in step. Every retried write is
 * a whole transaction again: lotgraph's mutations record a repeat of the same input once.
 */
async function retrying<T>(retryMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + retryMs;
  for (let n = 0; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!neo4j.isRetryableError(error as Error) || Date.now() >= deadline) throw error;
    }
    await sleep(Math.min(1000, 50 * 2 ** n) * (0.8 + 0.4 * Math.random()));
  }
}

export function createDb(driver: Driver, database?: string, options: DbOptions = {}): Db {
  const readConfig = options.readTimeoutMs ? { timeout: options.readTimeoutMs } : undefined;
  const retryMs = options.retryMs ?? 10_000;
  let roundTrips = 0;
  const count = () => {
    roundTrips += 1;
  };
  let openSessions = 0;
  const session = (mode: 'READ' | 'WRITE', fetchSize?: number) => {
    const s = driver.session({ database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE, fetchSize });
    openSessions += 1;
    const close = s.close.bind(s);
    let closed = false;
    s.close = async () => {
      if (!closed) openSessions -= 1;
      closed = true;
      await close();
    };
    return s;
  };

  /** Runs `work` with a session of its own, closed after, retried whole on transient errors. */
  const inSession = <T>(mode: 'READ' | 'WRITE', work: (s: Session) => Promise<T>): Promise<T> =>
    retrying(retryMs, async () => {
      const s = session(mode);
      try {
        return await work(s);
      } finally {
        await s.close();
      }
    });

  const db: Db = {
    get roundTrips() {
      return roundTrips;
    },
    get openSessions() {
      return openSessions;
    },
    async run<T>(statement: CypherStatement, params: Params = {}) {
      refuseWrite(statement);
      for (let attempt = 1; ; attempt += 1) {
        const s = session('READ');
        try {
          count();
          const result = await s.run(statement.text, params, readConfig);
          return result.records.map((r) => plainRow(r) as T);
        } catch (error) {
          if (attempt >= 3 || !neo4j.isRetryableError(error as Error)) throw error;
          await new Promise((r) => setTimeout(r, 50 * attempt));
        } finally {
          await s.close();
        }
      }
    },
    async *stream<T>(statement: CypherStatement, params: Params = {}, options: StreamOptions = {}) {
      refuseWrite(statement);
      const s = session('READ', options.fetchSize);
      try {
        count();
        for await (const record of s.run(statement.text, params)) yield (options.raw ? record.toObject() : plainRow(record)) as T;
      } finally {
        await s.close();
      }
    },
    read: (work) => inSession('READ', (s) => s.executeRead((tx) => work(txRunner(tx, count)), readConfig)),
    write: (work, writeOptions = {}) =>
      inSession('WRITE', (s) =>
        s.executeWrite(async (tx) => {
          const tally: WriteTally = { ran: 0, wrote: false };
          const result = await work(txRunner(tx, count, { actorKeyId: writeOptions.actorKeyId ?? null }, tally));
          if (options.strictWrites && tally.ran > 0 && !tally.wrote) {
            throw new AccessModeError('A write transaction ran only reads; run them in db.read or db.run (a cluster sends write transactions to its leader).');
          }
          return result;
        }),
      ),
    writeAlone: (work, writeOptions = {}) =>
      inSession('WRITE', (s) => {
        let ran = false;
        return work({
          async run<T>(statement: CypherStatement, params: Params = {}) {
            if (ran) throw new AccessModeError(`${statement.name} is a second statement in writeAlone, which commits each statement on its own; run them in db.write.`);
            ran = true;
            count();
            const result = await s.run(statement.text, { actorKeyId: writeOptions.actorKeyId ?? null, ...params });
            return result.records.map((r) => plainRow(r) as T);
          },
        });
      }),
    async ping() {
      try {
        await driver.verifyConnectivity({ database });
        return true;
      } catch {
        return false;
      }
    },
    close: () => driver.close(),
  };
  return db;
}
