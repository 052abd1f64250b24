/**
 * The default limits let every example a user is shown through: README's GraphQL blocks,
 * GraphiQL's ready-made questions, every document the pages send, and the benchmark's trace query.
 */
import { readFileSync } from 'node:fs';
import { type DocumentNode, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRAPHQL_LIMITS } from '../src/config.js';
import { buildSchema } from '../src/schema.js';
import { armorFor } from '../src/server.js';
import { EXAMPLES } from '../web/src/examples.js';
import { QUERIES } from '../web/src/queries.js';

const schema = buildSchema();
const rules = [...specifiedRules, ...armorFor(DEFAULT_GRAPHQL_LIMITS).validationRules];

/** Each operation of a text on its own (README's blocks hold several). */
function operations(text: string): DocumentNode[] {
  const document = parse(text, { maxTokens: DEFAULT_GRAPHQL_LIMITS.maxTokens });
  return document.definitions.map((d) => ({ ...document, definitions: [d] }));
}

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const readmeBlocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^#.*$/gm, ''));
const graphiqlExamples = EXAMPLES.map((e) => e.query);
const pageDocuments = Object.values(QUERIES);
const bench = readFileSync(new URL('../bench/variants.ts', import.meta.url), 'utf8');
const benchTrace = /`(query\(\$lotCode[\s\S]*?)`;/.exec(bench)![1]!.replace(/\$\{direction === 'forward' \? 'traceForward' : 'traceBackward'\}/, 'traceForward');

describe('the default GraphQL limits', () => {
  it('let every README example, GraphiQL question, page document and benchmark query through', () => {
    const texts = [...readmeBlocks, ...graphiqlExamples, ...pageDocuments, benchTrace];
    expect(pageDocuments.length).toBeGreaterThan(10);
    expect(readmeBlocks.length).toBeGreaterThan(5);
    expect(graphiqlExamples.length).toBeGreaterThanOrEqual(4);
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
