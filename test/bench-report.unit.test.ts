import { describe, expect, it } from 'vitest';
import { refreshAgainstM, scaleSection, scriptSections, traceFigures } from '../bench/shared.js';

const section = (tag: string, body: string) => `<!-- ${tag} -->\n## ${body}\n<!-- /${tag} -->`;

/** A trace's heading, answer and table of p50s by variant, as bench/run.ts writes them. */
const traceTable = (name: string, answer: string, rows: [string, string][]) => [
  `#### ${name}`,
  '',
  `100 start(s) × 1 run(s); largest answer: ${answer}. All 5 variants returned the same answer for every start.`,
  '',
  '| variant | runs | p50 ms | p95 ms | p99 ms | p50 ÷ Cypher | p50 ÷ PostgreSQL | p50 ÷ in-memory |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(([variant, p50]) => `| ${variant} | 100 | ${p50} | 9.15 | 9.88 | 0.62 | 1.43 | 43.5 |`),
  '',
];

describe('a scale run keeps the other scripts\' sections of BENCHMARKS.md', () => {
  it('keeps every script\'s section, in order, and no scale section', () => {
    const text = [
      '# Benchmarks',
      section('scale:S', 'Scale S'),
      section('scale:M', 'Scale M'),
      section('fault', 'Fault'),
      section('spreadsheet', 'Spreadsheet'),
      section('pages', 'Pages'),
      section('epcis', 'EPCIS capture'),
      section('partners', 'Across companies'),
      '## What stands in the way',
    ].join('\n\n');
    expect(scriptSections(text)).toEqual([
      section('fault', 'Fault'),
      section('spreadsheet', 'Spreadsheet'),
      section('pages', 'Pages'),
      section('epcis', 'EPCIS capture'),
      section('partners', 'Across companies'),
    ]);
  });

  it('finds none in a file without them', () => {
    expect(scriptSections(`# Benchmarks\n\n${section('scale:S', 'Scale S')}\n`)).toEqual([]);
  });
});

describe('the trace figures of a scale\'s section', () => {
  const m = [
    '## Scale M',
    '',
    ...traceTable('backward from a finished lot', '408 lots, 3 shipment lines, 3 customers', [['API (GraphQL over HTTP)', '5.70'], ['Procedure (driver)', '2.87']]),
    ...traceTable('forward from the most used flour lot', '1366 lots, 4954 shipment lines, 2411 customers', [['Procedure (driver)', '31.1']]),
    '### Mixed load',
    '',
  ].join('\n');

  it('gives each trace\'s answer and p50 by variant', () => {
    const figures = traceFigures(m);
    expect([...figures.keys()]).toEqual(['backward from a finished lot', 'forward from the most used flour lot']);
    expect(figures.get('backward from a finished lot')).toEqual({
      answer: '408 lots, 3 shipment lines, 3 customers',
      p50: new Map([['API (GraphQL over HTTP)', 5.7], ['Procedure (driver)', 2.87]]),
    });
    expect(figures.get('forward from the most used flour lot')!.p50.get('Procedure (driver)')).toBe(31.1);
  });

  it('finds a scale\'s section by its markers', () => {
    const text = `# Benchmarks\n\n<!-- scale:S -->\nS\n<!-- /scale:S -->\n\n<!-- scale:M -->\n${m}<!-- /scale:M -->\n`;
    expect(scaleSection(text, 'M')).toBe(m);
    expect(scaleSection(text, 'L')).toBeNull();
  });
});

describe('scale L against scale M', () => {
  const scaleText = (scale: string, run: string, p50: number, extra: string[] = []) =>
    [
      `## Scale ${scale}`,
      '',
      `Command: \`npm run bench -- --scale ${scale}\` (seed 42), run ${run}.`,
      '',
      '### Targets',
      '',
      '| target | measured | met |',
      '|---|---|---|',
      '| fast path ÷ Cypher path (p50, driver level), backward from a finished lot | 0.62 | |',
      ...extra,
      '| mixed load (16 writers on 3 hot lots, 16 tracing clients): write p99 ≤ 250 ms | 938 ms | **no** |',
      '',
      ...traceTable('backward from a finished lot', '408 lots, 3 shipment lines, 3 customers', [['Procedure (driver)', String(p50)]]),
      '### Mixed load: a plant recording while dashboards trace',
      '',
    ].join('\n');

  it('adds the target and the table from the M section, and redoes them from a newer M run', () => {
    const l = refreshAgainstM(scaleText('L', '2026-11-28T08:40Z', 4.5), scaleText('M', '2026-11-27T18:04Z', 3));
    expect(l).toContain('| the same trace at L within 1.2× of its time at M (fast path, p50), backward from a finished lot | 1.50× (4.50 ms against 3.00 ms) | **no** |');
    expect(l).toContain('its run of 2026-11-27T18:04Z');
    expect(l).toContain('| backward from a finished lot | 408 lots, 3 shipment lines, 3 customers | 408 lots, 3 shipment lines, 3 customers | Procedure (driver) | 3.00 | 4.50 | 1.50 |');
    // The target row follows the fast-path rows; the table comes before the mixed load.
    expect(l.indexOf('| the same trace at L')).toBeGreaterThan(l.indexOf('| fast path ÷ Cypher path'));
    expect(l.indexOf('### Against scale M')).toBeLessThan(l.indexOf('### Mixed load'));

    const again = refreshAgainstM(l, scaleText('M', '2026-11-28T09:00Z', 4));
    expect(again).toContain('| 1.13× (4.50 ms against 4.00 ms) | yes |');
    expect(again).toContain('its run of 2026-11-28T09:00Z');
    expect(again.match(/### Against scale M/g)).toHaveLength(1);
    expect(again.match(/\| the same trace at L/g)).toHaveLength(1);
    expect(again).not.toContain('against 3.00 ms');
  });
});
