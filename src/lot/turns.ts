/**
 * Turns on lots: mutations that take stock from the same lots wait their turn here, first come,
 * first served, before their transaction reaches Neo4j.
 *
 * Neo4j's own lock on a lot stays the guarantee (two API processes, a correction or the bulk
 * importer still meet there), but its lock manager is not fair: waiters retry, and the one whose
 * retry comes first wins. With sixteen writers on three hot ingredient lots, a write's p50 was
 * 90 ms and its p99 2.1 s (BENCHMARKS.md, "Mixed load"), with no deadlock and no retry. Queued
 * here, the writers on a lot reach Neo4j one at a time and in the order they came, so a write
 * waits for the ones ahead of it, not for luck.
 */
import AsyncLock from 'async-lock';

const lots = new AsyncLock({ maxPending: Infinity });

/**
 * Runs `work` when every lot named is this process's to write: lots are taken in code order (so
 * two callers naming the same lots cannot wait on each other), each in a first-come queue.
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
        await Promise.resolve().then(work).then(resolve, reject);
      })
      .catch(reject);
  });
}
