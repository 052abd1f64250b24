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

const FAST_PATH = 'Procedure (driver)';
/** A benchmark figure to three significant digits or so: 1234, 56.7, 8.90. */
export const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * Scale L's traces against scale M's: the target rows (the fast path at L within 1.2× of M) and
 * the table of every variant's p50 at both, with the largest answers beside each other.
 */
export function againstM(atL: Map<string, TraceFigures>, atM: Map<string, TraceFigures>, mRun: string): { targets: string[]; block: string[] } {
  const targets: string[] = [];
  const rows: string[] = [];
  for (const [k, l] of atL) {
    const m = atM.get(k);
    if (!m) continue;
    const [lf, mf] = [l.p50.get(FAST_PATH), m.p50.get(FAST_PATH)];
    if (lf !== undefined && mf !== undefined) {
      targets.push(`| the same trace at L within 1.2× of its time at M (fast path, p50), ${k} | ${fmt(lf / mf)}× (${fmt(lf)} ms against ${fmt(mf)} ms) | ${lf <= 1.2 * mf ? 'yes' : '**no**'} |`);
    }
    for (const [variant, p50] of l.p50) {
      const before = m.p50.get(variant);
      if (before !== undefined) rows.push(`| ${k} | ${m.answer} | ${l.answer} | ${variant} | ${fmt(before)} | ${fmt(p50)} | ${fmt(p50 / before)} |`);
    }
  }
  const block = [
    '### Against scale M',
    '',
    `Each trace's p50 here against scale M's section of this file (its run of ${mRun}; compare the ratios with the machine's`,
    'noise in mind when the two runs were not made on the same day). A graph\'s walk should cost what its answer costs, not what the whole graph holds.',
    '',
    '| trace | largest answer at M | at L | variant | p50 at M ms | p50 at L ms | L ÷ M |',
    '|---|---|---|---|---:|---:|---:|',
    ...rows,
    '',
  ];
  return { targets, block };
}

/** Scale L's section with its comparison to M redone from the M section given (the last M run's). */
export function refreshAgainstM(l: string, m: string): string {
  const mRun = /^Command: .*run (\S+)\./m.exec(m)?.[1] ?? 'an earlier run';
  const { targets, block } = againstM(traceFigures(l), traceFigures(m), mRun);
  const kept = l.split('\n').filter((line) => !line.startsWith('| the same trace at L within 1.2×'));
  const lastFast = kept.findLastIndex((line) => line.startsWith('| fast path ÷ Cypher path'));
  if (lastFast < 0) return l;
  kept.splice(lastFast + 1, 0, ...targets);
  let text = kept.join('\n');
  const old = /### Against scale M\n[\s\S]*?(?=### )/.exec(text);
  if (old) text = text.replace(old[0], () => `${block.join('\n')}\n`);
  else text = text.replace('### Mixed load', () => `${block.join('\n')}\n### Mixed load`);
  return text;
}

/** README quotes each scale's targets table (between its headline markers), so that its figures are the last run's. */
export function writeReadmeHeadline(sections: ReadonlyMap<string, string>): void {
  const readme = path.join(root, 'README.md');
  const headline = ['S', 'M', 'L']
    .filter((s) => sections.has(s))
    .map((s) => {
      const text = sections.get(s)!;
      const data = /^Data: .*$/m.exec(text)?.[0] ?? '';
      const table = /### Targets\n\n([\s\S]*?)\n\n/.exec(text)?.[1] ?? '';
      return `Scale ${s}. ${data}\n\n${table}`;
    })
    .join('\n\n');
  const current = readFileSync(readme, 'utf8');
  writeFileSync(readme, current.replace(/<!-- headline -->[\s\S]*<!-- \/headline -->/, `<!-- headline -->\n${headline}\n<!-- /headline -->`));
}
