import { describe, expect, it } from 'vitest';
import { parseInstant } from './scalars.js';

describe('DateTime', () => {
  it('accepts ISO 8601 instants with Z or an offset, and normalizes them to UTC', () => {
    expect(parseInstant('2026-03-01T08:30:00Z')).toBe('2026-03-01T08:30:00.000Z');
    expect(parseInstant('2026-03-01T09:30:00+01:00')).toBe('2026-03-01T08:30:00.000Z');
    expect(parseInstant('2026-03-01T08:30Z')).toBe('2026-03-01T08:30:00.000Z');
    expect(parseInstant('2026-03-01T08:30:00.123456Z')).toBe('2026-03-01T08:30:00.123Z');
    expect(parseInstant('2024-02-29T00:00:00-05:00')).toBe('2024-02-29T05:00:00.000Z');
    expect(parseInstant('2026-03-01T08:30:00.000Z')).toBe('2026-03-01T08:30:00.000Z');
  });

  it.each(['2024-02-29T00:00:00.000Z', '2000-02-29T12:00:00.000Z', '2026-12-31T23:59:59.999Z', '2026-04-30T00:00:00.000Z', '0001-01-01T00:00:00.000Z'])(
    'takes the canonical form %j as it is', (value) => {
      expect(parseInstant(value)).toBe(value);
      expect(new Date(value).toISOString()).toBe(value);
    },
  );

  it.each([
    '2026-03-01',
    '2026-03-01T08:30:00',
    '2026-03-01 08:30:00Z',
    '01/03/2026',
    'yesterday',
    '2026-02-30T08:00:00Z',
    '2026-02-30T08:00:00.000Z',
    '2100-02-29T00:00:00.000Z',
    '2025-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-00-10T00:00:00.000Z',
    '2026-03-00T00:00:00.000Z',
    '2026-03-01T24:00:00.000Z',
    '2026-03-01T00:00:60.000Z',
    '2026-03-01T08:60:00.000Z',
    '2025-02-29T08:00:00Z',
    '2026-13-01T08:00:00Z',
    '2026-03-01T24:30:00Z',
    '',
  ])('refuses %j with BAD_USER_INPUT', (value) => {
    try {
      parseInstant(value);
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses what is not a string', () => {
    expect(() => parseInstant(1_700_000_000)).toThrow(/ISO 8601/);
  });
});
