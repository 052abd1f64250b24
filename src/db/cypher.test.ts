import { describe, expect, it } from 'vitest';
import { cypher, render, splitStatements } from './cypher.js';

describe('cypher files', () => {
  it('refuse a statement that has no file, at load time', () => {
    expect(() => cypher('lot/noSuchStatement')).toThrow('cypher/lot/noSuchStatement.cypher does not exist');
  });

  it('fill var-length bounds only with non-negative integers, or nothing', () => {
    const s = { name: 'x', text: 'MATCH (a)-[*0..{{maxHops}}]->(b) RETURN b' };
    expect(render(s, { maxHops: 6 }).text).toBe('MATCH (a)-[*0..6]->(b) RETURN b');
    expect(render(s, { maxHops: null }).text).toBe('MATCH (a)-[*0..]->(b) RETURN b');
    expect(() => render(s, { maxHops: -1 })).toThrow(/non-negative integer/);
    expect(() => render(s, { maxHops: 1.5 })).toThrow(/non-negative integer/);
    expect(() => render(s, {})).toThrow(/needs a value/);
  });

  it('split a schema file into its statements, without comments', () => {
    expect(splitStatements('// header\nCREATE A;\nCREATE B;\n')).toEqual(['CREATE A', 'CREATE B']);
  });
});
