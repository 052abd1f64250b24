/**
 * What the benchmark scripts (run.ts, fault.ts, spreadsheet.ts, pages.ts, epcis.ts, partners.ts) share: a launcher Neo4j of their
 * own under .bench/, and their sections of BENCHMARKS.md.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LauncherConfig, launcherConfig, stop } from '../src/db/launcher.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A launcher instance under .bench/neo4j-<name>, sized as told, stopped, its data wiped (not started). */
export async function freshBenchNeo4j(o: { name: string; boltPort: string; httpPort: string; heap: string; pageCache: string }): Promise<LauncherConfig> {
  const c = launcherConfig({
    ...process.env,
    LOTGRAPH_NEO4J_STATE: path.join(root, '.bench', `neo4j-${o.name}`),
    LOTGRAPH_NEO4J_BOLT_PORT: o.boltPort,
    LOTGRAPH_NEO4J_HTTP_PORT: o.httpPort,
    LOTGRAPH_NEO4J_HEAP: o.heap,
    LOTGRAPH_NEO4J_PAGECACHE: o.pageCache,
  });
  await stop(c);
  rmSync(c.dataDir, { recursive: true, force: true });
  return c;
}

/** The tags of the sections of BENCHMARKS.md that scripts other than run.ts write. */
const SCRIPT_TAGS = 'fault|spreadsheet|pages|epcis|partners';

/** The sections of BENCHMARKS.md that scripts other than run.ts write, whole, in the file's order. */
export function scriptSections(text: string): string[] {
  return [...text.matchAll(new RegExp(`<!-- (${SCRIPT_TAGS}) -->[\\s\\S]*?<!-- \\/\\1 -->`, 'g'))].map((m) => m[0]);
}

/**
 * Writes a script's own section of BENCHMARKS.md (`section` opens with `<!-- tag -->` and closes
 * with `<!-- /tag -->`): in place of the last one, or else after the last section there, before
 * the analysis.
 */
export function writeBenchSection(tag: string, section: string): void {
  const file = path.join(root, 'BENCHMARKS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = new RegExp(`<!-- ${tag} -->[\\s\\S]*?<!-- \\/${tag} -->`);
  if (block.test(text)) {
    writeFileSync(file, text.replace(block, () => section));
    return;
  }
  const last = [...text.matchAll(new RegExp(`<!-- \\/(scale:\\w|${SCRIPT_TAGS}) -->`, 'g'))].pop();
  const at = last ? last.index! + last[0].length : text.length;
  writeFileSync(file, `${text.slice(0, at)}\n\n${section}${text.slice(at)}`);
}

export interface TraceFigures {
  /** "1366 lots, 4954 shipment lines, 2411 customers": the largest answer of the trace. */
  answer: string;
  /** p50 in ms by variant. */
  p50: Map<string, number>;
}

/** Each trace's largest answer and p50 per variant, as a scale's section of BENCHMARKS.md gives them. */
export function traceFigures(section: string): Map<string, TraceFigures> {
  const traces = new Map<string, TraceFigures>();
  for (const m of section.matchAll(/^#### (.+)\n\n.*largest answer: ([^.]+)\.[\s\S]*?\n\|---[^\n]*\n((?:\|[^\n]*\n)+)/gm)) {
    const p50 = new Map<string, number>();
    for (const row of m[3].trim().split('\n')) {
      const cells = row.split('|').map((c) => c.trim());
      p50.set(cells[1], Number(cells[3]));
    }
    traces.set(m[1], { answer: m[2], p50 });
  }
  return traces;
}

/** A scale's section of BENCHMARKS.md (between its markers), or null. */
export function scaleSection(text: string, scale: string): string | null {
  return new RegExp(`<!-- scale:${scale} -->\\n([\\s\\S]*?)<!-- \\/scale:${scale} -->`).exec(text)?.[1] ?? null;
}
