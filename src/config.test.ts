import { describe, expect, it } from 'vitest';
import { DEFAULT_ID_BASE, parseIdBase } from './config.js';

describe('LOTGRAPH_ID_BASE', () => {
  it('is an http(s) address without a query, its trailing slash dropped; unset gives the documented default', () => {
    expect(parseIdBase(undefined)).toBe(DEFAULT_ID_BASE);
    expect(parseIdBase('https://trace.example.com/id/')).toBe('https://trace.example.com/id');
    expect(() => parseIdBase('trace.example.com')).toThrow('LOTGRAPH_ID_BASE must be an http(s) address');
    expect(() => parseIdBase('ftp://trace.example.com')).toThrow('no query or fragment');
    expect(() => parseIdBase('https://trace.example.com/id?x=1')).toThrow('no query or fragment');
  });
});
