import { describe, expect, it } from 'vitest';
import { scaleSection, scriptSections, traceFigures } from '../bench/shared.js';

const section = (tag: string, body: string) => `<!-- ${tag} -->\n## ${body}\n<!-- /${tag} -->`;

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
    '#### backward from a finished lot',
    '',
    '100 start(s) × 1 run(s); largest answer: 408 lots, 3 shipment lines, 3 customers. All 5 variants returned the same answer for every start.',
    '',
    '| variant | runs | p50 ms | p95 ms | p99 ms | p50 ÷ Cypher | p50 ÷ PostgreSQL | p50 ÷ in-memory |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    '| API (GraphQL over HTTP) | 100 | 5.70 | 13.3 | 17.9 | 1.22 | 2.84 | 86.4 |',
    '| Procedure (driver) | 100 | 2.87 | 9.15 | 9.88 | 0.62 | 1.43 | 43.5 |',
    '',
    '#### forward from the most used flour lot',
    '',
    '1 start(s) × 25 run(s); largest answer: 1366 lots, 4954 shipment lines, 2411 customers. All 5 variants returned the same answer for every start.',
    '',
    '| variant | runs | p50 ms | p95 ms | p99 ms | p50 ÷ Cypher | p50 ÷ PostgreSQL | p50 ÷ in-memory |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    '| Procedure (driver) | 25 | 31.1 | 63.2 | 70.5 | 0.34 | 1.45 | 6.66 |',
    '',
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
