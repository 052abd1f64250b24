/**
 * Who did it: every mutation, accepted or refused, leaves one append-only AuditRecord with the
 * key (id and name, never the secret), the operation, a digest of its input, the time and the
 * outcome. An accepted write's record commits in the write's own transaction, so there is never
 * a write without its record, nor a record of a write that did not happen.
 */
import { randomUUID } from 'node:crypto';
import type { CypherStatement } from '../db/cypher.js';
import type { Db, Params, Runner } from '../db/driver.js';
import { DomainError, ErrorCode, isUnavailable } from '../errors.js';
import { fingerprint } from '../validation.js';
import * as authRepository from './auth.repository.js';
import type { Principal } from './principal.js';

export const OK = 'OK';

/** The lot codes an input names (lotCode, lotCodes, at any depth), so that the log can be searched by lot. */
export function lotCodesOf(input: unknown, into = new Set<string>()): string[] {
  if (Array.isArray(input)) for (const item of input) lotCodesOf(item, into);
  else if (input && typeof input === 'object') {
    for (const [key, value] of Object.entries(input)) {
      if (key === 'lotCode' && typeof value === 'string') {
        into.add(value);
      } else if (key === 'lotCodes' && Array.isArray(value)) {
        for (const v of value) if (typeof v === 'string') into.add(v);
      } else {
        lotCodesOf(value, into);
      }
    }
  }
  return [...into].slice(0, 1000);
}

/** The code an error answers with: its own, or what the service makes of a fault. */
export function outcomeOf(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  const code = (error as { extensions?: { code?: unknown } })?.extensions?.code;
  if (typeof code === 'string') return code;
  return isUnavailable(error) ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_SERVER_ERROR;
}

const recordOf = (principal: Principal | null, operation: string, args: unknown, outcome: string) => ({
  id: randomUUID(),
  keyId: principal?.keyId ?? null,
  keyName: principal?.name ?? null,
  operation,
  inputDigest: fingerprint(operation, args),
  outcome,
  lotCodes: lotCodesOf(args),
});

/**
 * Runs one mutation with a Db whose write transactions carry the caller's key ($actorKeyId) and
 * commit the audit record with the write. A mutation that fails, or that finished without a
 * write, is recorded on its own afterwards.
 */
export async function audited<T>(
  db: Db,
  principal: Principal | null,
  operation: string,
  args: unknown,
  run: (db: Db) => Promise<T>,
  log: { error(obj: unknown, msg?: string): void },
): Promise<T> {
  let recorded = false;
  /**
   * A Runner that hands the mutation's audit record to the first statement it runs: a statement
   * that writes the record itself gets it as `$auditRecord` and says in `auditRecorded` whether it
   * wrote it (with its write or a repeat's answer, never with a refusal); any other carries it in
   * front (withAuditRecord).
   * `left()` is the record when no statement took it.
   */
  const carrying = (tx: Runner, alone: boolean) => {
    let pending = recorded ? null : recordOf(principal, operation, args, OK);
    const runner: Runner = {
      async run<T>(statement: CypherStatement, params: Params = {}) {
        if (!pending) return tx.run<T>(statement, params);
        const auditRecord = pending;
        if (authRepository.writesOwnAuditRecord(statement)) {
          const rows = await tx.run<T>(statement, { ...params, auditRecord });
          if ((rows[0] as { auditRecorded?: unknown } | undefined)?.auditRecorded === true) pending = null;
          return rows;
        }
        // Committed on its own, the record in front would stand even when the statement wrote nothing.
        if (alone) throw new Error(`${statement.name} commits on its own and does not write the audit record itself ($auditRecord, auditRecorded); run it in db.write.`);
        if ('auditRecord' in params) throw new Error(`${statement.name} has a parameter named auditRecord; the audit record needs that name.`);
        pending = null;
        return tx.run<T>(authRepository.withAuditRecord(statement), { ...params, auditRecord });
      },
    };
    return { runner, left: () => pending };
  };
  const actor = { actorKeyId: principal?.keyId ?? null };
  const inner: Db = Object.create(db, {
    write: {
      value: <R>(work: Parameters<Db['write']>[0]) =>
        db.write(async (tx) => {
          // The record rides in the transaction's first statement (one message, one round trip),
          // and commits only with the write.
          const carrier = carrying(tx, false);
          const result = (await work(carrier.runner)) as R;
          const left = carrier.left();
          if (left) await authRepository.createAuditRecord(tx, left);
          return result;
        }, actor).then((result) => {
          recorded = true;
          return result;
        }),
    },
    writeAlone: {
      value: <R>(work: Parameters<Db['writeAlone']>[0]) => {
        let wrote = false;
        return db.writeAlone(async (tx) => {
          // The one statement writes the record with its write; when it did not, the record is written on its own after.
          const carrier = carrying(tx, true);
          const result = (await work(carrier.runner)) as R;
          wrote = carrier.left() === null;
          return result;
        }, actor).then((result) => {
          recorded = wrote;
          return result;
        });
      },
    },
  });
  try {
    const result = await run(inner);
    if (!recorded) await recordAlone(db, principal, operation, args, OK, log);
    return result;
  } catch (error) {
    if (isUnavailable(error)) {
      // Neo4j did not answer the mutation's own transaction, after the driver's retries: a record
      // of the refusal would only wait as long again for the same answer. The log keeps it.
      log.error({ err: error, operation, keyId: principal?.keyId ?? null, outcome: outcomeOf(error) }, 'audit record not written: Neo4j does not answer');
    } else {
      await recordAlone(db, principal, operation, args, outcomeOf(error), log);
    }
    throw error;
  }
}

/** Records a mutation on its own: one that was refused, or that wrote nothing. */
export async function recordAlone(
  db: Db,
  principal: Principal | null,
  operation: string,
  args: unknown,
  outcome: string,
  log: { error(obj: unknown, msg?: string): void },
): Promise<void> {
  try {
    await db.write((tx) => authRepository.createAuditRecord(tx, recordOf(principal, operation, args, outcome)), {
      actorKeyId: principal?.keyId ?? null,
    });
  } catch (error) {
    // Neo4j is down or refused: the answer to the client stands; the log keeps what the audit could not.
    log.error({ err: error, operation, keyId: principal?.keyId ?? null, outcome }, 'audit record not written');
  }
}
