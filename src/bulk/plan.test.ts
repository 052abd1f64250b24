import { describe, expect, it } from 'vitest';
import type { CodeSets, ExistingCode } from './bulk.repository.js';
import { type BulkEvent, ImportRejected, planImport } from './bulk.service.js';

type Receipt = Extract<BulkEvent, { type: 'receipt' }>;
const receipt = (code: string, extra: Partial<Receipt> = {}): Receipt => ({
  type: 'receipt', lotCode: code, productSku: 'FLOUR', productName: 'Flour', supplierId: 'SUP-1', supplierLotCode: `S-${code}`,
  quantity: { amount: 10, unit: 'kg' }, receivedAt: '2026-03-01T00:00:00Z', ...extra,
});
const supplier: ExistingCode = { kind: 'supplier', key: 'SUP-1', inputHash: null, unit: null, onHandBase: null, status: null, owner: null };
const location: ExistingCode = { kind: 'location', key: 'LOC-PLANT', inputHash: null, unit: null, onHandBase: null, status: null, owner: null };
/** A database holding `rows`, answering only for the codes it is asked about, as existingCodes does. */
function database(rows: ExistingCode[], asked: CodeSets[] = []) {
  const set = { lot: 'lots', supplier: 'suppliers', location: 'locations' } as const;
  return async (codes: CodeSets) => {
    asked.push(codes);
    return new Map(rows.filter((r) => codes[set[r.kind as keyof typeof set]].has(r.key)).map((r) => [`${r.kind}:${r.key}`, r]));
  };
}

describe('planImport', () => {
  it('asks the database for the lots and parties the events name before it normalizes them, and for the places after', async () => {
    const asked: CodeSets[] = [];
    const plan = await planImport([receipt('L1'), receipt('L2', { receivedAtLocationId: 'LOC-PLANT' })], database([supplier, location], asked));
    expect(plan.steps.map((s) => s.skip)).toEqual([false, false]);
    expect(asked).toHaveLength(2);
    expect([...asked[0].lots]).toEqual(['L1', 'L2']);
    expect([...asked[0].suppliers]).toEqual(['SUP-1']);
    expect(asked[0].locations.size).toBe(0);
    // The second question holds only what the first did not ask.
    expect(Object.fromEntries(Object.entries(asked[1]).map(([k, v]) => [k, [...v]]))).toEqual({ lots: [], batches: [], shipments: [], suppliers: [], customers: [], locations: ['LOC-PLANT'], gtins: [] });
  });

  it('asks once when the events name nothing beyond their lots and parties', async () => {
    const asked: CodeSets[] = [];
    await planImport([receipt('L1')], database([supplier], asked));
    expect(asked).toHaveLength(1);
  });

  it('still finds a place missing from the database, and a repeat of a recorded lot', async () => {
    const first = await planImport([receipt('L1')], database([supplier]));
    const recorded: ExistingCode = { kind: 'lot', key: 'L1', inputHash: (first.steps[0].row as { inputHash: string }).inputHash, unit: 'kg', onHandBase: 10n, status: 'AVAILABLE', owner: null };
    const again = await planImport([receipt('L1')], database([supplier, recorded]));
    expect(again.steps[0].skip).toBe(true);
    const missing = planImport([receipt('L2', { tlcSourceLocationId: 'LOC-NOWHERE' })], database([supplier, location]));
    await expect(missing).rejects.toThrow(ImportRejected);
    await expect(missing).rejects.toThrow(/No location has the id "LOC-NOWHERE"/);
  });

  it('reports an event whose codes are not text as a problem of that event, with the others looked up', async () => {
    const asked: CodeSets[] = [];
    const plan = planImport([receipt('L1'), { ...receipt('L2'), lotCode: 42 as unknown as string }], database([supplier], asked));
    await expect(plan).rejects.toThrow(/event 2 \(receipt\): lotCode must not be empty/);
    expect([...asked[0].lots]).toEqual(['L1']);
  });

  it('reports an event that is not an object as a problem of that event', async () => {
    const plan = planImport([receipt('L1'), null as unknown as BulkEvent, 7 as unknown as BulkEvent], database([supplier]));
    await expect(plan).rejects.toThrow(ImportRejected);
    await expect(plan).rejects.toThrow(/event 2 \(null\): An event is a JSON object with a "type"[\s\S]*event 3 \(7\): An event is a JSON object/);
  });

  it('reads the database\'s answer while it normalizes a long file, and gives the event loop turns meanwhile', async () => {
    const events = Array.from({ length: 10_000 }, (_, i) => receipt(`L${i}`));
    // The last event counts the reads of its lot code: once by the question, then by normalizing.
    let reads = 0;
    const last = events[events.length - 1];
    Object.defineProperty(last, 'lotCode', { enumerable: true, get: () => ((reads += 1), 'L-LAST') });
    let readsWhenAnswered = -1;
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    try {
      await planImport(events, (codes) =>
        new Promise((resolve) => setImmediate(() => {
          readsWhenAnswered = reads;
          resolve(database([supplier])(codes));
        })),
      );
    } finally {
      clearInterval(ticker);
    }
    expect(readsWhenAnswered).toBe(1);
    expect(reads).toBeGreaterThan(1);
    expect(turns).toBeGreaterThan(0);
  });
});
