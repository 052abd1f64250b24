import { alreadyExists } from '../errors.js';
import type { Db, Runner } from './driver.js';

/**
 * A write saw another transaction's commit half-way through its checks (Neo4j reads are read
 * committed): thrown to have writeOnce run the mutation again, as after a constraint violation.
 */
export class WriteConflict extends Error {}

const isConstraintViolation = (error: unknown) =>
  error instanceof WriteConflict || (error as { code?: string })?.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';

/**
 * Runs a create-once mutation in one write transaction. Two writers racing on the same new code
 * both pass their existence checks; one commits and the other hits the uniqueness constraint.
 * The loser runs once more: it then sees the winner's record, and either returns it (the very
 * same input) or reports ALREADY_EXISTS. With `alone`, `work` is one self-checking statement run
 * as an auto-commit write (db.writeAlone).
 */
export async function writeOnce<T>(db: Db, kind: string, code: string, work: (tx: Runner) => Promise<T>, options: { alone?: boolean } = {}): Promise<T> {
  const write = () => (options.alone ? db.writeAlone(work) : db.write(work));
  try {
    return await write();
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
  }
  try {
    return await write();
  } catch (error) {
    if (isConstraintViolation(error)) throw alreadyExists(kind, code);
    throw error;
  }
}
