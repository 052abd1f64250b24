import { describe, expect, it } from 'vitest';
import { scriptSections } from '../bench/shared.js';

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
