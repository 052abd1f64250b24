// The FSMA workbook's writer thread: exceljs's streaming writer, fed rows by the export (see
// workbook-thread.ts), so that rendering the sheets' XML and zipping them runs beside the reading
// of records from Neo4j instead of after it, each on its own core.
//
// Plain JavaScript on purpose: a worker starts a fresh Node.js thread, which runs this file as
// it is under `npm start` and under the tests alike, with no TypeScript loader.
//
// Messages in:  {type: 'sheet', name, columns}  starts a sheet (header row frozen)
//               {type: 'rows', rows}            appends rows (arrays of cells) to the open sheet
//               {type: 'end'}                   closes the workbook
//               {type: 'written'}               the export wrote one chunk of ours to its destination
// Messages out: {type: 'chunk', data}           a piece of the XLSX file (its buffer transferred)
//               {type: 'taken'}                 a 'rows' message is written into the workbook
//               {type: 'done', peakUncompressed} the workbook is complete: every chunk was sent
//               {type: 'failed', message}
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';

/** Chunks sent but not yet written by the export: beyond this, rows wait (memory stays bounded). */
const MAX_UNWRITTEN = 16;
/** Bytes of sheet XML waiting to be compressed: beyond this, rows wait until the zip catches up. */
const MAX_UNCOMPRESSED = 8 * 1024 * 1024;

let unwritten = 0;
/** Resolved when `unwritten` falls back under the bound. */
let onWritten = null;

const output = new Writable({
  write(chunk, _encoding, callback) {
    // A copy of our own to transfer: the chunk may be a view into a buffer that is reused.
    const data = new Uint8Array(chunk);
    unwritten += 1;
    parentPort.postMessage({ type: 'chunk', data }, [data.buffer]);
    callback();
  },
});

const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
  stream: output,
  // No styles: none is used, and exceljs renders rows at half the speed with them on.
  useStyles: false,
  // Inline strings: a shared-string table would grow with every distinct lot code in memory.
  useSharedStrings: false,
});
workbook.creator = 'lotgraph';

let sheet = null;
/** Rows rendered between turns of the event loop: about one 64 kB piece of XML for the zip. */
const SLICE = 50;
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** The most sheet XML that waited for compression at once, reported with 'done'. */
let peakUncompressed = 0;

const backlogCleared = () =>
  unwritten < MAX_UNWRITTEN ? Promise.resolve() : new Promise((resolve) => (onWritten = resolve));

/**
 * Waits while the open sheet's XML waits for compression. exceljs hands each sheet's XML to the
 * zip without regard to back-pressure, and the zip takes it in only as fast as its compression
 * (on the thread pool, a piece per turn of the event loop) goes: unchecked, a sheet's whole XML,
 * about 1.3 kB a row, would wait in memory. The entry's input stream (a PassThrough that exceljs's
 * StreamBuf writes into) shows the backlog in its stream states: internals, but of libraries the
 * lock file pins. It empties in order, so 'drain' comes; the timeout only keeps a change in either
 * library from stalling an export.
 */
async function compressionCaughtUp() {
  const entry = sheet?.stream?.pipes?.[0];
  const writable = entry?._writableState;
  if (!writable || typeof writable.length !== 'number') return;
  const waiting = writable.length + (entry._readableState?.length ?? 0);
  peakUncompressed = Math.max(peakUncompressed, waiting);
  if (waiting > MAX_UNCOMPRESSED && writable.needDrain) {
    const timeout = AbortSignal.timeout(2_000);
    await once(entry, 'drain', { signal: timeout }).catch(() => undefined); // timed out: go on
  }
}

async function handle(message) {
  switch (message.type) {
    case 'sheet':
      sheet?.commit();
      sheet = workbook.addWorksheet(message.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow(message.columns).commit();
      return;
    case 'rows':
      // In slices, with a turn of the event loop between: the compression's steps complete on
      // this thread's event loop, so it only moves on while rows are not being rendered.
      for (let start = 0; start < message.rows.length; start += SLICE) {
        const end = Math.min(start + SLICE, message.rows.length);
        for (let i = start; i < end; i += 1) sheet.addRow(message.rows[i]).commit();
        await turn();
      }
      await compressionCaughtUp();
      await backlogCleared();
      parentPort.postMessage({ type: 'taken' });
      return;
    case 'end':
      sheet?.commit();
      // Committing finalizes the zip, which ends `output` once its last chunk is through.
      await workbook.commit();
      if (!output.writableFinished) await once(output, 'finish');
      parentPort.postMessage({ type: 'done', peakUncompressed });
      return;
    default:
      throw new Error(`Unknown message ${JSON.stringify(message.type)}`);
  }
}

// Messages are handled one after another, in order, each to its end.
let queue = Promise.resolve();
parentPort.on('message', (message) => {
  if (message.type === 'written') {
    unwritten -= 1;
    if (onWritten && unwritten < MAX_UNWRITTEN) {
      const resolve = onWritten;
      onWritten = null;
      resolve();
    }
    return;
  }
  queue = queue
    .then(() => handle(message))
    .catch((error) => parentPort.postMessage({ type: 'failed', message: String(error?.stack ?? error) }));
});
