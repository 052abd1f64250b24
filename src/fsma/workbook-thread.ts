/**
 * Writes an XLSX workbook to a stream from a worker thread (xlsx.worker.mjs), so that exceljs's
 * rendering and zipping run beside the export's reading of records, on another core.
 *
 * Memory stays bounded both ways: at most four batches of rows are on their way to the worker
 * (`addRows` waits for the oldest to be taken; four, so that the worker has rows while the reader
 * waits for Neo4j's next fetch), and the worker holds back rows while its XML waits for the zip
 * or more than a few chunks of the file wait to be written to `out` (a slow client, say).
 */
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { Cell } from './fsma.sheets.js';

type FromWorker =
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'taken' }
  | { type: 'done'; peakUncompressed: number }
  | { type: 'failed'; message: string };

export interface WorkbookStats {
  /** The most sheet XML that waited for compression at once, in bytes: what the writer held. */
  peakUncompressedBytes: number;
}

const IN_FLIGHT = 4;

/** The destination closed before the workbook was complete: a client that went away, as a rule. */
export class DestinationClosed extends Error {
  constructor() {
    super('The destination closed before the workbook was complete.');
  }
}

export class WorkbookThread {
  private readonly worker = new Worker(new URL('./xlsx.worker.mjs', import.meta.url));
  private inFlight = 0;
  private onTaken: (() => void) | null = null;
  private failure: Error | null = null;
  private done = false;
  private readonly finished: Promise<WorkbookStats>;

  constructor(out: Writable) {
    let resolveDone!: (stats: WorkbookStats) => void;
    let rejectDone!: (error: Error) => void;
    this.finished = new Promise<WorkbookStats>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    // Nobody may be waiting on `finished` yet when a failure comes: it is reported by the next call.
    this.finished.catch(() => undefined);
    const fail = (error: Error) => {
      if (this.failure || this.done) return;
      this.failure = error;
      void this.worker.terminate();
      rejectDone(error);
      this.wake();
    };
    this.worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'chunk':
          out.write(message.data, (error) => {
            if (error) fail(error);
            else this.worker.postMessage({ type: 'written' });
          });
          return;
        case 'taken':
          this.inFlight -= 1;
          this.wake();
          return;
        case 'done':
          this.done = true;
          resolveDone({ peakUncompressedBytes: message.peakUncompressed });
          return;
        case 'failed':
          fail(new Error(`The workbook writer failed: ${message.message}`));
      }
    });
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`The workbook writer stopped (exit code ${code}).`)));
    // The client went away (or the file could not be written): stop writing, and let the reader stop.
    out.on('error', fail);
    out.on('close', () => fail(new DestinationClosed()));
  }

  private wake() {
    const resolve = this.onTaken;
    this.onTaken = null;
    resolve?.();
  }

  private check() {
    if (this.failure) throw this.failure;
  }

  /** Starts a sheet; its header row is frozen. */
  addSheet(name: string, columns: string[]) {
    this.check();
    this.worker.postMessage({ type: 'sheet', name, columns });
  }

  /** Appends rows to the open sheet; waits while the worker is four batches behind. */
  async addRows(rows: Cell[][]) {
    this.check();
    this.worker.postMessage({ type: 'rows', rows });
    this.inFlight += 1;
    while (this.inFlight >= IN_FLIGHT && !this.failure) await new Promise<void>((resolve) => (this.onTaken = resolve));
    this.check();
  }

  /** Closes the workbook and waits until all of it is handed to `out` (which the caller ends). */
  async finish(): Promise<WorkbookStats> {
    this.check();
    this.worker.postMessage({ type: 'end' });
    try {
      return await this.finished;
    } finally {
      this.worker.removeAllListeners('exit');
      await this.worker.terminate();
    }
  }

  /** Stops the worker (after a failure on the reading side). */
  async abort() {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
