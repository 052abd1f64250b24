import { describe, expect, it, vi } from 'vitest';
import { createDb, createDriver, type Db } from '../db/driver.js';
import { audited } from './audit.js';

describe('audited, with Neo4j out of reach', () => {
  it('answers after one write attempt, and leaves the refused mutation in the log rather than wait on Neo4j again', async () => {
    // A real driver to an address where nothing listens: every connection is refused.
    const down = createDb(createDriver({ uri: 'bolt://127.0.0.1:9', user: 'neo4j', password: 'x' }), undefined, { retryMs: 300 });
    let writes = 0;
    const counted: Db = Object.create(down, {
      write: {
        value: (...args: Parameters<Db['write']>) => {
          writes += 1;
          return down.write(...args);
        },
      },
    });
    const log = { error: vi.fn() };
    try {
      await expect(audited(counted, null, 'receiveLot', { lotCode: 'L1' }, (db) => db.write(async () => 1), log)).rejects.toMatchObject({ code: 'ServiceUnavailable' });
      // The mutation's own transaction, and no second one for its audit record.
      expect(writes).toBe(1);
      expect(log.error).toHaveBeenCalledWith(
        expect.objectContaining({ operation: 'receiveLot', outcome: 'SERVICE_UNAVAILABLE' }),
        'audit record not written: Neo4j does not answer',
      );
    } finally {
      await down.close();
    }
  });
});
