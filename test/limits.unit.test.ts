/**
 * The default limits let every example a user is shown through: README's GraphQL blocks, the
 * explorer's ready-made questions and the benchmark's trace query.
 */
import { readFileSync } from 'node:fs';
import { type DocumentNode, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRAPHQL_LIMITS } from '../src/config.js';
import { buildSchema } from '../src/schema.js';
import { armorFor } from '../src/server.js';

const schema = buildSchema();
const rules = [...specifiedRules, ...armorFor(DEFAULT_GRAPHQL_LIMITS).validationRules];

/** Each operation of a text on its own (README's blocks hold several). */
function operations(text: string): DocumentNode[] {
  const document = parse(text, { maxTokens: DEFAULT_GRAPHQL_LIMITS.maxTokens });
  return document.definitions.map((d) => ({ ...document, definitions: [d] }));
}

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const readmeBlocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^#.*$/gm, ''));
const explorer = readFileSync(new URL('../src/explorer/explorer.js', import.meta.url), 'utf8');
const explorerExamples = [...explorer.matchAll(/`((?:query|mutation)[\s\S]*?)`/g)].map((m) => m[1]!.replace(/\\n/g, '\n'));
const bench = readFileSync(new URL('../bench/variants.ts', import.meta.url), 'utf8');
const benchTrace = /`(query\(\$lotCode[\s\S]*?)`;/.exec(bench)![1]!.replace(/\$\{direction === 'forward' \? 'traceForward' : 'traceBackward'\}/, 'traceForward');

describe('the default GraphQL limits', () => {
  it('let every README example, explorer question and benchmark query through', () => {
    const texts = [...readmeBlocks, ...explorerExamples, benchTrace];
    expect(readmeBlocks.length).toBeGreaterThan(5);
    expect(explorerExamples.length).toBeGreaterThanOrEqual(4);
    for (const text of texts) {
      for (const doc of operations(text)) expect(validate(schema, doc, rules).map((e) => e.message), text).toEqual([]);
    }
  });

  it('refuse a trace nested beyond the depth limit', () => {
    let nested = 'code';
    for (let i = 0; i < 5; i += 1) nested = `producedBy { inputs { lot { ${nested} } } }`;
    const errors = validate(schema, parse(`{ lot(code: "X") { ${nested} } }`), rules);
    expect(errors.map((e) => e.message).join(' ')).toMatch(/depth|cost/i);
  });
});
