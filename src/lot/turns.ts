/**
 * Turns on lots: mutations that take stock from the same lots wait their turn here, first come,
 * first served, before their transaction reaches Neo4j.
 *
 * Neo4j's own lock on a lot stays the guarantee (two API processes, a correction or the bulk
 * importer still meet there), but its lock manager is not fair: waiters retry, and the one whose
 * retry comes first wins. With sixteen writers on three hot ingredient lots, a write's p50 was
 * 90 ms and its p99 2.1 s (BENCHMARKS.md, "Mixed load"), with no deadlock and no retry. Queued
 * here, the writers on a lot reach Neo4j in the order they came, at most two at a time (the one
 * holding the lot and the next), so a write waits for the ones ahead of it, not for luck.
 */
import AsyncLock from 'async-lock';

const lots = new AsyncLock({ maxPending: Infinity });
/** Per lot: settles when the writer that last went to Neo4j with it is done. */
const tails = new Map<string, Promise<void>>();

/**
 * Runs `work` when it is this process's turn on every lot named: lots are taken in code order (so
 * two callers naming the same lots cannot wait on each other), each in a first-come queue.
 *
 * A turn starts its work at once and is handed on only when the writer ahead of it on those lots
 * is done: at most two writers of a lot are at Neo4j at a time, one holding the lot and the next
 * one waiting on Neo4j's lock behind it. So Neo4j hands the lot from one to the next the moment
 * the first commits, and the hand-over does not wait for this process's event loop (busy with
 * other requests' traces) to see the first one's answer. Only the writer right behind can
 * overtake one (when it reaches Neo4j's lock first), never the ones behind it.
 *
 * A writer that has waited `waitMs` (the API's 10 s of retries while Neo4j is away) stops
 * waiting and goes to Neo4j's lock as it would without the queue: a line behind writers that
 * each wait out a dead database must not grow into minutes.
 */
export function inTurn<T>(lotCodes: Iterable<string>, work: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const keys = [...new Set(lotCodes)].sort();
  if (keys.length === 0) return work();
  return new Promise<T>((resolve, reject) => {
    // One deadline for the whole wait, however many lots are taken one after another.
    let gaveUp = false;
    const timer = setTimeout(() => {
      gaveUp = true;
      Promise.resolve().then(work).then(resolve, reject);
    }, waitMs);
    lots
      .acquire(keys, async () => {
        // A writer that gave up has its turn pass straight on.
        if (gaveUp) return;
        clearTimeout(timer);
        const ahead = keys.map((k) => tails.get(k)).filter((t): t is Promise<void> => t !== undefined);
        const running = Promise.resolve().then(work);
        const done = running.then(
          () => undefined,
          () => undefined,
        );
        for (const k of keys) tails.set(k, done);
        void done.then(() => {
          for (const k of keys) if (tails.get(k) === done) tails.delete(k);
        });
        running.then(resolve, reject);
        // The turn passes on once the writer ahead is done, so that the next one waits behind this one alone.
        await Promise.all(ahead);
      })
      .catch(reject);
  });
}
