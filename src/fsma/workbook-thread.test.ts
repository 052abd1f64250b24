import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { WorkbookThread } from './workbook-thread.js';

/** A destination that keeps what it is given, optionally slowly, and notes how much waited in it. */
function destination(options: { delayMs?: number; failAtChunk?: number } = {}) {
  const chunks: Buffer[] = [];
  let peakBuffered = 0;
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      peakBuffered = Math.max(peakBuffered, out.writableLength);
      if (options.failAtChunk !== undefined && chunks.length === options.failAtChunk) return callback(new Error('disk full'));
      chunks.push(chunk);
      if (options.delayMs) setTimeout(callback, options.delayMs);
      else callback();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks), peakBuffered: () => peakBuffered };
}

/** Rows about as wide as the Shipping sheet's: 36 cells, text and numbers. */
const row = (i: number) => [
  `TLC-${i}`, `LOT-${i}`, i, 'each', ...Array.from({ length: 30 }, (_, k) => `cell ${k} of row ${i}, some text to make it wide`), null, `SHP-${i}`,
];

async function write(thread: WorkbookThread, sheets: [string, number][], out: Writable) {
  for (const [name, count] of sheets) {
    thread.addSheet(name, ['TLC', 'Lot', 'Quantity', 'Unit', ...Array.from({ length: 30 }, (_, k) => `C${k}`), 'Empty', 'Shipment']);
    for (let start = 0; start < count; start += 2_000) {
      await thread.addRows(Array.from({ length: Math.min(2_000, count - start) }, (_, k) => row(start + k)));
    }
  }
  const stats = await thread.finish();
  await new Promise<void>((resolve) => out.end(resolve));
  return stats;
}

describe('WorkbookThread', () => {
  it('writes every sheet and row in order, and holds no more than a few MB of XML however many rows', async () => {
    const { out, bytes } = destination();
    const stats = await write(new WorkbookThread(out), [['First', 3], ['Big', 40_000]], out);
    // 40,000 rows make about 60 MB of sheet XML; the writer waits for the zip rather than holding it.
    expect(stats.peakUncompressedBytes).toBeGreaterThan(0);
    expect(stats.peakUncompressedBytes).toBeLessThan(16 * 1024 * 1024);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes() as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['First', 'Big']);
    const big = workbook.getWorksheet('Big')!;
    expect(big.rowCount).toBe(40_001);
    expect(big.getRow(1).getCell(1).value).toBe('TLC');
    expect(big.getRow(2).getCell(1).value).toBe('TLC-0');
    expect(big.getRow(40_001).getCell(3).value).toBe(39_999);
    expect(big.getRow(40_001).getCell(36).value).toBe('SHP-39999');
    expect(big.getRow(17).getCell(35).value).toBeNull();
    expect(big.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  }, 60_000);

  it('waits for a slow destination instead of piling the file up in front of it', async () => {
    const { out, bytes, peakBuffered } = destination({ delayMs: 2 });
    await write(new WorkbookThread(out), [['Rows', 20_000]], out);
    expect(bytes().length).toBeGreaterThan(2 * 1024 * 1024);
    // At most a few chunks wait in the destination, not the megabytes of the whole file.
    expect(peakBuffered()).toBeLessThan(bytes().length / 4);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes() as never);
    expect(workbook.getWorksheet('Rows')!.rowCount).toBe(20_001);
  }, 60_000);

  it('fails the export when the destination fails, and stops its thread', async () => {
    const { out } = destination({ failAtChunk: 3 });
    const thread = new WorkbookThread(out);
    const error = await write(thread, [['Rows', 20_000]], out).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('disk full');
    // Nothing more can be added once it failed.
    expect(() => thread.addSheet('Again', ['x'])).toThrow('disk full');
  }, 60_000);

  it('stops when the destination closes early (a client that went away)', async () => {
    const { out } = destination();
    const thread = new WorkbookThread(out);
    let sent = 0;
    const writing = (async () => {
      thread.addSheet('Rows', ['TLC']);
      for (let batch = 0; batch < 1_000; batch += 1) {
        await thread.addRows(Array.from({ length: 2_000 }, (_, k) => row(batch * 2_000 + k)));
        sent += 1;
        if (sent === 3) out.destroy();
      }
    })();
    await expect(writing).rejects.toThrow('The destination closed before the workbook was complete.');
    expect(sent).toBeLessThan(10);
  }, 60_000);
});
