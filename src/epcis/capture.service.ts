/**
 * EPCIS capture: a document is checked whole (the official JSON Schema, then lotgraph's rules
 * against what the database holds, then the bulk importer's checks of codes and stock replayed in
 * order) before anything is written; any problem refuses all of it, each problem named by its
 * JSON pointer. Then its records are written as the bulk importer writes, a chunk per
 * transaction, and last the events themselves, each linked to what it recorded. An event found
 * captured (by eventID, or by its CBV 2.0 hash where it has none) is a repeat and writes nothing,
 * so a capture cut short by a crash is completed by sending the document again.
 *
 * Like the bulk and spreadsheet imports, a capture does not lock lots: its stock checks see the
 * stock as the capture began, and each lot it touches has its on-hand recomputed from its
 * movements at the end.
 */
import { randomUUID } from 'node:crypto';
import { ImportRejected, importEvents, planImport } from '../bulk/bulk.service.js';
import * as bulkRepository from '../bulk/bulk.repository.js';
import type { Db } from '../db/driver.js';
import { eventsOf, type JsonObject, mapDocument, type MappedEvent, type Mapping, type Problem, wanted } from './capture.mapping.js';
import * as captureRepository from './capture.repository.js';
import { schemaProblems } from './schema.js';
import { canonicalUri } from './hash.js';
import { afterVoids, planVoids, voidIn } from '../correction/correction.service.js';
import { term } from './vocabulary.js';

export class CaptureRejected extends Error {
  constructor(
    readonly problems: Problem[],
    /** The schema refused it (else lotgraph's rules). */
    readonly bySchema: boolean,
  ) {
    super(`The EPCIS ${bySchema ? 'document does not match the EPCIS 2.0 JSON Schema' : 'events break lotgraph\'s rules'}: ${problems.length} problem(s); nothing was captured.`);
  }
}

export interface CaptureSummary {
  events: number;
  /** Events captured before (or twice in this document): nothing written for them. */
  repeats: number;
  receipts: number;
  productions: number;
  shipments: number;
  packings: number;
  partner: number;
  observations: number;
  /** Error declarations that voided what an event captured before recorded. */
  declarations: number;
  /** Places, parties and products created as stubs, by kind. */
  stubs: Record<'location' | 'product' | 'supplier' | 'customer', string[]>;
  checkSeconds: number;
  writeSeconds: number;
  /** Where the time went, in seconds: schema, lookup, mapping, plan (the check); records, events (the writes). */
  phases: Record<string, number>;
}

/** The schema's problems of a document, as capture problems; none when it validates. */
export function schemaCheck(document: unknown): Problem[] {
  return schemaProblems(document).map((p) => ({ pointer: p.pointer, detail: p.message, code: 'BAD_USER_INPUT' }));
}

/** Checks a document against the schema, the rules and the database; the mapping, or CaptureRejected. */
export async function checkCapture(db: Db, document: JsonObject, idBase: string, phases: Record<string, number> = {}, schemaChecked = false) {
  let t = performance.now();
  const lap = (phase: string) => {
    phases[phase] = (performance.now() - t) / 1000;
    t = performance.now();
  };
  const bySchema = schemaChecked ? [] : schemaCheck(document);
  lap('schema');
  if (bySchema.length > 0) throw new CaptureRejected(bySchema, true);
  const names = wanted(eventsOf(document), document['@context'] ?? null, idBase);
  lap('identifiers');
  const known = await captureRepository.knownIdentifiers(db, names, idBase);
  lap('lookup');
  const mapping = mapDocument(document, known);
  lap('mapping');
  if (mapping.problems.length > 0) throw new CaptureRejected(mapping.problems, false);
  const voids = await previewVoids(db, mapping);
  try {
    // The records are checked against the database as it will be once the declared errors are voided.
    const plan = await planImport(mapping.bulk, async (codes) => afterVoids(await bulkRepository.existingCodes(db, codes), voids));
    lap('plan');
    return { mapping, plan, voids };
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    // The bulk importer names events by their place in its list: here, by the EPCIS event's pointer.
    throw new CaptureRejected(
      error.problems.map((detail, n) => ({
        pointer: mapping.bulkPointers[error.eventIndexes[n]] ?? '',
        detail: detail.replace(/^event \d+ \(\w+\): /, ''),
        code: /\((NOT_FOUND|ALREADY_EXISTS|INSUFFICIENT_QUANTITY|LOT_NOT_AVAILABLE|UNIT_MISMATCH)\)$/.exec(detail)?.[1] ?? 'BAD_USER_INPUT',
      })),
      false,
    );
  }
}

const EVENT_CHUNK = 5_000;

/** What the document's error declarations would void; a declaration whose records later ones depend on refuses the document. */
async function previewVoids(db: Db, mapping: Mapping) {
  const { previews, refused } = await planVoids(db, mapping.voids.flatMap((v) => v.targets));
  const problems: Problem[] = refused.map((r) => ({
    pointer: mapping.voids.find((v) => v.targets.some((t) => t.kind === r.kind && t.id === r.id))!.pointer,
    detail: r.message,
    code: 'BAD_USER_INPUT',
  }));
  if (problems.length > 0) throw new CaptureRejected(problems, false);
  return previews;
}

/**
 * Captures a document (or one event): checks it whole, then writes; throws CaptureRejected with
 * nothing written. The same event sent twice at once (a partner's retry after a timeout) meets
 * itself on a uniqueness constraint: the loser checks again, finds the records and the event, and
 * they are repeats (it does not lock lots otherwise, as the bulk import does not).
 */
export async function captureDocument(db: Db, document: JsonObject, options: Parameters<typeof captureOnce>[2]): Promise<CaptureSummary> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await captureOnce(db, document, options);
    } catch (error) {
      const raced = (error as { code?: string })?.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
      if (!raced || attempt >= 3) throw error;
    }
  }
}

async function captureOnce(
  db: Db,
  document: JsonObject,
  {
    idBase,
    captureId = randomUUID(),
    by = null,
    schemaChecked = false,
  }: { idBase: string; captureId?: string; by?: { keyId: string; name: string } | null; /** The caller held it to the schema already. */ schemaChecked?: boolean },
): Promise<CaptureSummary> {
  const checkStarted = performance.now();
  const phases: Record<string, number> = {};
  const { mapping, plan, voids } = await checkCapture(db, document, idBase, phases, schemaChecked);
  const checkSeconds = (performance.now() - checkStarted) / 1000;
  const writeStarted = performance.now();
  // The declared errors first, all in one transaction: the corrective records may take their codes.
  if (voids.length > 0) {
    await db.write(async (tx) => {
      for (const v of mapping.voids) {
        for (const t of v.targets.filter((x) => voids.some((p) => p.kind === x.kind && p.id === x.id))) {
          const reason = `EPCIS error declaration of ${v.eventId}: ${term(typeof v.declaration.reason === 'string' ? v.declaration.reason : null, 'ER') ?? 'no reason given'}`;
          await voidIn(tx, { kind: t.kind, id: t.id, reason }, { keyId: by?.keyId ?? null, name: by?.name ?? null }, { declaration: v.declaration });
        }
      }
    });
  }
  if (mapping.bulk.length > 0) await importEvents(db, mapping.bulk, { plan, onPhase: (phase, seconds) => (phases[`write ${phase}`] = seconds) });
  const eventsStarted = performance.now();
  // A declaration is kept on the event it declares wrong, not as an event of its own (it has the same id).
  const fresh = mapping.events.filter((e) => !e.repeat && e.use !== 'declaration');
  const classes = [...new Set(fresh.flatMap((e) => [...partnerClasses(e, 'inputQuantityList'), ...partnerClasses(e, 'outputQuantityList')].map((q) => q.epcClass)))];
  await db.write(async (tx) => {
    await captureRepository.markStubs(tx, stubLists(mapping));
    if (classes.length > 0) await captureRepository.mergeClasses(tx, classes);
  });
  // Events touch nothing but their own nodes and the records' (linked, not changed): two transactions at once.
  const chunks = Array.from({ length: Math.ceil(fresh.length / EVENT_CHUNK) }, (_, i) => fresh.slice(i * EVENT_CHUNK, (i + 1) * EVENT_CHUNK));
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < chunks.length) {
        const rows = chunks[next++].map((e) => eventRow(e, captureId));
        await db.write((tx) => captureRepository.recordEvents(tx, rows));
      }
    }),
  );
  phases['write events'] = (performance.now() - eventsStarted) / 1000;
  return { ...summarize(mapping), checkSeconds, writeSeconds: (performance.now() - writeStarted) / 1000, phases };
}

/** A partner's transformation: what it used and made, by canonical class (traces step from our lots into it). */
function partnerClasses(e: MappedEvent, field: 'inputQuantityList' | 'outputQuantityList') {
  if (e.use !== 'partner' || e.type !== 'TransformationEvent') return [];
  const list = Array.isArray(e.body[field]) ? (e.body[field] as JsonObject[]) : [];
  return list
    .filter((q) => typeof q?.epcClass === 'string')
    .map((q) => ({ epcClass: canonicalUri(q.epcClass as string), quantity: typeof q.quantity === 'number' ? q.quantity : null, uom: typeof q.uom === 'string' ? q.uom : null }));
}

function eventRow(e: MappedEvent, captureId: string): captureRepository.EventRow {
  const of = (kind: 'lot' | 'batch' | 'shipment') => e.records.filter((r) => r.kind === kind).map((r) => r.code);
  return {
    eventId: e.eventId, eventHash: e.eventHash, type: e.type, eventTime: e.eventTime, bizStep: e.bizStep, action: e.action, use: e.use, gln: e.gln, epcClasses: e.epcClasses,
    body: JSON.stringify(e.body), palletSscc: e.pallet?.sscc ?? null, palletContents: e.pallet ? JSON.stringify(e.pallet.contents) : null,
    errorDeclaration: e.body.errorDeclaration ? JSON.stringify(e.body.errorDeclaration) : null,
    captureId, lots: of('lot'), batches: of('batch'), shipments: of('shipment'),
    inputs: partnerClasses(e, 'inputQuantityList'), outputs: partnerClasses(e, 'outputQuantityList'),
  };
}

const stubLists = (mapping: Mapping) => ({
  locations: mapping.stubs.filter((s) => s.kind === 'location').map((s) => s.id),
  products: mapping.stubs.filter((s) => s.kind === 'product').map((s) => s.id),
  suppliers: mapping.stubs.filter((s) => s.kind === 'supplier').map((s) => s.id),
  customers: mapping.stubs.filter((s) => s.kind === 'customer').map((s) => s.id),
});

function summarize(mapping: Mapping): Omit<CaptureSummary, 'checkSeconds' | 'writeSeconds' | 'phases'> {
  const fresh = mapping.events.filter((e) => !e.repeat);
  const count = (use: MappedEvent['use']) => fresh.filter((e) => e.use === use).length;
  const stubs = stubLists(mapping);
  return {
    events: mapping.events.length,
    repeats: mapping.events.length - fresh.length,
    receipts: count('receipt'),
    productions: count('production'),
    shipments: count('shipment'),
    packings: count('packing'),
    partner: count('partner'),
    observations: count('observation'),
    declarations: count('declaration'),
    stubs: { location: stubs.locations, product: stubs.products, supplier: stubs.suppliers, customer: stubs.customers },
  };
}

export interface CaptureJob {
  captureID: string;
  createdAt: string;
  finishedAt?: string;
  running: boolean;
  success?: boolean;
  captureErrorBehaviour: 'rollback';
  errors: Problem[];
  summary?: CaptureSummary;
}

/**
 * Capture jobs: POST /epcis/capture answers at once with the job's id, and the job runs here, one
 * at a time in the order they came (a later document may use what an earlier one received). Each
 * job's state is kept in the database, so any instance answers GET /epcis/capture/{id}. A running
 * job beats every 5 s; one whose process stopped (no beat for a minute) is reported failed.
 */
export class CaptureQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly idBase: string,
    private readonly log: { error(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void },
  ) {}

  /** Records the job of a document already held to the schema, queues it, and gives its id. */
  async enqueue(document: JsonObject, by: { keyId: string; name: string } | null, onDone?: (summary: CaptureSummary | null, problems: Problem[]) => Promise<void>): Promise<string> {
    const id = randomUUID();
    await captureRepository.startCapture(this.db, { id, events: eventsOf(document).length, byKeyId: by?.keyId ?? null, by: by?.name ?? null });
    const run = this.tail.then(async () => {
      let summary: CaptureSummary | null = null;
      let problems: Problem[] = [];
      const beat = setInterval(() => {
        captureRepository.touchCapture(this.db, id).catch((error) => this.log.error({ err: error, captureId: id }, 'capture heartbeat not written'));
      }, 5_000);
      try {
        // POST /epcis/capture held it to the schema before it answered 202.
        summary = await captureDocument(this.db, document, { idBase: this.idBase, captureId: id, by, schemaChecked: true });
      } catch (error) {
        if (error instanceof CaptureRejected) problems = error.problems;
        else {
          this.log.error({ err: error, captureId: id }, 'EPCIS capture failed');
          problems = [{ pointer: '', detail: 'The capture failed inside lotgraph; what it wrote is complete records only. Send the document again: recorded events are repeats.', code: 'INTERNAL_SERVER_ERROR' }];
        }
      } finally {
        clearInterval(beat);
      }
      try {
        await captureRepository.finishCapture(this.db, id, { success: problems.length === 0, errors: problems, summary });
        await onDone?.(summary, problems);
      } catch (error) {
        this.log.error({ err: error, captureId: id }, 'EPCIS capture outcome not recorded');
      }
    });
    this.tail = run;
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return id;
  }

  /** Waits for the queued jobs (graceful shutdown). */
  async drain() {
    await Promise.allSettled([...this.pending]);
  }

  async job(id: string): Promise<CaptureJob | null> {
    const c = await captureRepository.capture(this.db, id);
    if (!c) return null;
    if (c.stale) {
      return {
        captureID: c.id, createdAt: c.createdAt, running: false, success: false, captureErrorBehaviour: 'rollback',
        errors: [{ pointer: '', detail: 'The service stopped while this capture ran. Send the document again: events it recorded are repeats and write nothing.', code: 'SERVICE_UNAVAILABLE' }],
      };
    }
    if (!c.outcome) return { captureID: c.id, createdAt: c.createdAt, running: true, captureErrorBehaviour: 'rollback', errors: [] };
    const outcome = JSON.parse(c.outcome) as { success: boolean; errors: Problem[]; summary: CaptureSummary | null; finishedAt: string };
    return {
      captureID: c.id,
      createdAt: c.createdAt,
      finishedAt: outcome.finishedAt,
      running: false,
      success: outcome.success,
      captureErrorBehaviour: 'rollback',
      errors: outcome.errors,
      ...(outcome.summary ? { summary: outcome.summary } : {}),
    };
  }
}
