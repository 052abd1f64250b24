/**
 * Admission for heavy reads. A trace of a hot lot walks thousands of lots and its answer is
 * megabytes of JSON; sixteen dashboards tracing at once oversubscribed the two cores that Neo4j
 * and the API share, and every write waiting on a hot lot's lock waited for CPU while holding it:
 * writes fell from 172/s to 11/s with a p99 of 8 s (BENCHMARKS.md, "Mixed load"). At most
 * `permits` operations that run a heavy root field execute at once; the others queue (first
 * come, first served) before they run, holding nothing. Writes and light reads are never queued.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Sema } from 'async-sema';
import { type DocumentNode, Kind, type SelectionSetNode } from 'graphql';
import type { Context } from '../context.js';

/** Root fields whose cost grows with the graph they walk or the records they return. */
export const HEAVY_FIELDS: ReadonlySet<string> = new Set(['traceForward', 'traceBackward', 'recallScope', 'fsmaRecords', 'kdeGaps']);

export interface Admission {
  plugin: ApolloServerPlugin<Context>;
  /** Heavy operations running now, and waiting. */
  running(): number;
  waiting(): number;
}

export function createAdmission(permits: number): Admission {
  const sema = new Sema(permits);
  let running = 0;
  return {
    running: () => running,
    waiting: () => sema.nrWaiting(),
    plugin: {
      async requestDidStart() {
        let admitted = false;
        return {
          async executionDidStart({ operation, document }) {
            if (operation.operation !== 'query' || !rootFields(operation.selectionSet, document).some((f) => HEAVY_FIELDS.has(f))) return;
            await sema.acquire();
            admitted = true;
            running += 1;
          },
          async willSendResponse() {
            if (!admitted) return;
            admitted = false;
            running -= 1;
            sema.release();
          },
        };
      },
    },
  };
}

/** The root field names a selection set runs, through inline fragments and fragment spreads. */
export function rootFields(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    if (s.kind === Kind.INLINE_FRAGMENT) return rootFields(s.selectionSet, document, seen);
    if (seen.has(s.name.value)) return [];
    seen.add(s.name.value);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFields(fragment.selectionSet, document, seen) : [];
  });
}
