import { describe, expect, it } from 'vitest';
import { inTurn } from './turns.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('inTurn', () => {
  it('runs the writers of one lot in the order they came, the next one beside the one ahead and no more', async () => {
    const log: string[] = [];
    let inside = 0;
    let most = 0;
    const writer = (name: string) =>
      inTurn(['HOT-1'], async () => {
        inside += 1;
        most = Math.max(most, inside);
        log.push(`${name} in`);
        await tick();
        log.push(`${name} out`);
        inside -= 1;
        return name;
      });
    const names = Array.from({ length: 12 }, (_, i) => `w${i}`);
    expect(await Promise.all(names.map(writer))).toEqual(names);
    // Two at a time: the one holding the lot in Neo4j and the next, waiting on Neo4j's lock behind it.
    expect(most).toBe(2);
    expect(log.filter((l) => l.endsWith(' in'))).toEqual(names.map((n) => `${n} in`));
    // A writer starts only when the one two ahead of it is done.
    for (let k = 2; k < names.length; k += 1) {
      expect(log.indexOf(`w${k} in`)).toBeGreaterThan(log.indexOf(`w${k - 2} out`));
    }
  });

  it('lets writers of other lots run at once', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      ['A', 'B', 'C'].map((lot) =>
        inTurn([`DISJOINT-${lot}`], async () => {
          inside += 1;
          most = Math.max(most, inside);
          await tick();
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('takes several lots in code order, so writers naming them in opposite orders both finish', async () => {
    const done: string[] = [];
    const pairs = Array.from({ length: 20 }, (_, i) =>
      inTurn(i % 2 ? ['PAIR-B', 'PAIR-A', 'PAIR-B'] : ['PAIR-A', 'PAIR-B'], async () => {
        await tick();
        done.push(`p${i}`);
      }),
    );
    await Promise.all(pairs);
    expect(done).toHaveLength(20);
  });

  it('gives the turn on when a writer fails', async () => {
    const failed = inTurn(['FAIL-1'], async () => {
      await tick();
      throw new Error('refused');
    });
    const next = inTurn(['FAIL-1'], async () => 'next ran');
    await expect(failed).rejects.toThrow('refused');
    expect(await next).toBe('next ran');
  });

  it('stops waiting after waitMs and runs anyway (the database lock still holds)', async () => {
    let release!: () => void;
    let releaseNext!: () => void;
    const held = inTurn(['STUCK-1'], () => new Promise<void>((r) => (release = r)));
    const next = inTurn(['STUCK-1'], () => new Promise<void>((r) => (releaseNext = r)));
    const started = performance.now();
    expect(await inTurn(['STUCK-1'], async () => 'ran past the line', 50)).toBe('ran past the line');
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    release();
    releaseNext();
    await Promise.all([held, next]);
    expect(await inTurn(['STUCK-1'], async () => 'the line moves on')).toBe('the line moves on');
  });

  it('keeps one deadline for the whole wait when the lots come free one after another', async () => {
    // Two writers on each lot (the most that go at once): LONG-A's come free after 250 ms, LONG-B's
    // never. A wait per lot would be 250 + 300 ms.
    const releases: (() => void)[] = [];
    const holdA = inTurn(['LONG-A'], () => new Promise<void>((r) => setTimeout(r, 250)));
    const nextA = inTurn(['LONG-A'], async () => undefined);
    const holdB = [0, 1].map(() => inTurn(['LONG-B'], () => new Promise<void>((r) => releases.push(r))));
    const started = performance.now();
    await inTurn(['LONG-A', 'LONG-B'], async () => undefined, 300);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(295);
    expect(waited).toBeLessThan(450);
    for (const release of releases) release();
    await Promise.all([holdA, nextA, ...holdB]);
  });

  it('runs at once when no lot is named', async () => {
    expect(await inTurn([], async () => 'ran')).toBe('ran');
  });
});
