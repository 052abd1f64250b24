/**
 * A deterministic (seeded) bakery history for the benchmarks, as bulk-import events.
 *
 * Each plant, each day: ingredient lots arrive from tens of suppliers (a big wheat-flour and a
 * big sugar lot every few days, used by every dough until the next one arrives); a mother dough
 * is carried from yesterday's lot into today's, fed with rye flour; cookie doughs and bread
 * doughs (the bread doughs take the mother dough) are made from them; finished batches turn
 * doughs into two pack sizes and now and then a rework lot that a later dough takes back; each
 * finished lot is split over several shipments to many customers. Quantities are tracked so
 * that nothing ever goes below zero: the events import as they are.
 *
 * Every record carries its FSMA 204 Key Data Elements: each plant, supplier and customer has a
 * full location description, every product a description (a tenth of the ingredients on the Food
 * Traceability List), and receipts, batches and shipments their places and reference documents,
 * so that the FSMA export is measured on rows as full as a real one.
 */
import type { BulkEvent } from '../src/bulk/bulk.service.js';

export type ScaleName = 'S' | 'M' | 'L';

interface Scale {
  plants: number;
  days: number;
  lightReceiptsPerDay: number;
  cookieDoughsPerDay: number;
  breadDoughsPerDay: number;
  finishedBatchesPerDay: number;
  customers: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  S: { plants: 1, days: 36, lightReceiptsPerDay: 75, cookieDoughsPerDay: 45, breadDoughsPerDay: 5, finishedBatchesPerDay: 75, customers: 400 },
  M: { plants: 1, days: 365, lightReceiptsPerDay: 150, cookieDoughsPerDay: 90, breadDoughsPerDay: 10, finishedBatchesPerDay: 150, customers: 3000 },
  L: { plants: 10, days: 365, lightReceiptsPerDay: 150, cookieDoughsPerDay: 90, breadDoughsPerDay: 10, finishedBatchesPerDay: 150, customers: 10000 },
};

const SUPPLIERS = 40;
const INGREDIENTS = 300;
const FINISHED_SKUS = 200;

/** A small deterministic PRNG (mulberry32), so that a seed always makes the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Dataset {
  scale: ScaleName;
  events: BulkEvent[];
  /** Codes the trace benchmarks start from. */
  starts: {
    finishedLots: string[];
    heavyIngredientLot: string;
    motherDoughStart: string;
    finishedBatches: string[];
  };
  counts: { lots: number; batches: number; shipments: number; shipmentLines: number; edges: number };
}

export function generate(scaleName: ScaleName, seed = 42): Dataset {
  const scale = SCALES[scaleName];
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const events: BulkEvent[] = [];
  const onHand = new Map<string, number>();
  const counts = { lots: 0, batches: 0, shipments: 0, shipmentLines: 0, edges: 0 };
  const P = `BENCH-${scaleName}-`;

  // Places and products (derived from indices, not drawn: the PRNG's sequence stays as it was).
  const place = (id: string, businessName: string, n: number, own = false): BulkEvent => ({
    type: 'location', id, businessName, phone: `+1 555 ${String(n % 10_000).padStart(4, '0')}`, street: `${100 + (n % 900)} Market Street`,
    city: `Town ${n % 500}`, state: ['OR', 'WA', 'CA', 'ID', 'KS'][n % 5], postalCode: String(97_000 + (n % 1000)), country: 'US',
    fdaRegistration: own ? `1${String(n).padStart(10, '0')}` : null, own,
  });
  for (let plant = 0; plant < scale.plants; plant += 1) events.push(place(`${P}LOC-PLANT${plant}`, `Bakery plant ${plant}`, plant, true));
  for (let s = 0; s < SUPPLIERS; s += 1) events.push(place(`${P}LOC-SUP${s}`, `Supplier ${s}`, 1000 + s));
  for (let c = 0; c < scale.customers; c += 1) events.push(place(`${P}LOC-CUST${c}`, `Customer ${c}`, 2000 + c));
  const product = (sku: string, name: string, packSize: string, packStyle: string, ftl = false): BulkEvent => ({
    type: 'product', sku, name, brand: sku.startsWith('FG-') ? 'Lotgraph Bakery' : null, commodity: name.split(/[ ,]/)[0], packSize, packStyle,
    onFoodTraceabilityList: ftl,
  });
  events.push(product('ING-FLOUR-WHEAT', 'Wheat flour, bulk', '25 t', 'silo'), product('ING-SUGAR', 'Cane sugar, bulk', '10 t', 'silo'));
  events.push(product('ING-FLOUR-RYE', 'Rye flour', '1 t', 'tote'));
  for (let i = 2; i < INGREDIENTS; i += 1) events.push(product(`ING-${i}`, `Ingredient ${i}`, '500 kg', 'tote', i % 10 === 0));
  for (const [sku, name] of [['INT-MOTHER', 'Mother dough'], ['INT-BREAD-DOUGH', 'Bread dough'], ['INT-COOKIE-DOUGH', 'Cookie dough'], ['INT-REWORK', 'Rework (broken product)']]) {
    events.push(product(sku, name, 'bulk', 'tub'));
  }
  for (let i = 0; i < FINISHED_SKUS; i += 1) {
    events.push(product(`FG-${i}-S`, `Product ${i}, small pack`, '250 g', 'box'), product(`FG-${i}-L`, `Product ${i}, large pack`, '1 kg', 'bag'));
  }

  for (let s = 0; s < SUPPLIERS; s += 1) {
    events.push({ type: 'supplier', id: `${P}SUP${s}`, name: `Supplier ${s}`, location: `City ${s}, US`, locationId: `${P}LOC-SUP${s}` });
  }
  const customerIds = Array.from({ length: scale.customers }, (_, c) => `${P}CUST${c}`);
  for (const [c, id] of customerIds.entries()) {
    events.push({ type: 'customer', id, name: `Customer ${c}`, location: `Town ${c % 500}, US`, locationId: `${P}LOC-CUST${c}` });
  }
  let plantLocation = '';

  const day = (d: number, hour: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000 + hour * 3_600_000).toISOString();
  const receive = (code: string, sku: string, name: string, amount: number, unit: string, d: number) => {
    const supplier = int(0, SUPPLIERS - 1);
    events.push({
      type: 'receipt', lotCode: code, productSku: sku, productName: name, supplierId: `${P}SUP${supplier}`,
      supplierLotCode: `SL-${code}`, quantity: { amount, unit }, receivedAt: day(d, 6), referenceDocument: `BOL-${code}`,
      referenceDocumentType: 'BOL', receivedAtLocationId: plantLocation,
      // Most suppliers name where they packed the lot; some give their FDA registration instead.
      ...(supplier % 4 === 3 ? { tlcSourceReference: `FDA ${String(supplier).padStart(11, '0')}` } : { tlcSourceLocationId: `${P}LOC-SUP${supplier}` }),
    });
    onHand.set(code, amount);
    counts.lots += 1;
    counts.edges += 1;
  };
  /** Takes up to `want` from a lot; returns what it took (0 when the lot is used up). */
  const take = (code: string, want: number) => {
    const left = onHand.get(code) ?? 0;
    const got = Math.min(left, want);
    if (got > 0) onHand.set(code, left - got);
    return got;
  };
  const produce = (batchCode: string, d: number, hour: number, inputs: [string, number, string][], outputs: [string, string, string, number, string][]) => {
    const used = inputs.map(([code, want, unit]) => [code, take(code, want), unit] as const).filter(([, got]) => got > 0);
    if (used.length === 0) return false;
    events.push({
      type: 'production', batchCode, producedAt: day(d, hour), locationId: plantLocation, referenceDocumentType: 'BATCH', referenceDocument: batchCode,
      inputs: used.map(([lotCode, amount, unit]) => ({ lotCode, quantity: { amount, unit } })),
      outputs: outputs.map(([lotCode, productSku, productName, amount, unit]) => ({ lotCode, productSku, productName, quantity: { amount, unit } })),
    });
    for (const [code, , , amount] of outputs) onHand.set(code, amount);
    counts.batches += 1;
    counts.lots += outputs.length;
    counts.edges += used.length + outputs.length;
    return true;
  };

  const starts: Dataset['starts'] = { finishedLots: [], heavyIngredientLot: '', motherDoughStart: '', finishedBatches: [] };
  const heavyUse = new Map<string, number>();

  for (let plant = 0; plant < scale.plants; plant += 1) {
    const Q = `${P}P${plant}-`;
    plantLocation = `${P}LOC-PLANT${plant}`;
    let flour = '';
    let sugar = '';
    let rye = '';
    let mother = '';
    const light: string[][] = [];
    const rework: string[] = [];
    for (let d = 0; d < scale.days; d += 1) {
      // Deliveries: the big lots every few days, many small ones every day.
      if (d % 3 === 0) {
        flour = `${Q}FLOUR-${d}`;
        receive(flour, 'ING-FLOUR-WHEAT', 'Wheat flour, bulk', 25_000, 'kg', d);
        sugar = `${Q}SUGAR-${d}`;
        receive(sugar, 'ING-SUGAR', 'Cane sugar, bulk', 10_000, 'kg', d);
      }
      if (d % 7 === 0) {
        rye = `${Q}RYE-${d}`;
        receive(rye, 'ING-FLOUR-RYE', 'Rye flour', 1_000, 'kg', d);
      }
      const today: string[] = [];
      for (let r = 0; r < scale.lightReceiptsPerDay; r += 1) {
        const code = `${Q}ING-${d}-${r}`;
        const sku = int(2, INGREDIENTS - 1);
        receive(code, `ING-${sku}`, `Ingredient ${sku}`, 500, 'kg', d);
        today.push(code);
      }
      light.push(today);
      const recentLight = light.slice(-3).flat();

      // The mother dough: yesterday's lot and rye flour make today's.
      const nextMother = `${Q}MOTHER-${d}`;
      const motherInputs: [string, number, string][] = [[rye, 20, 'kg']];
      if (mother) motherInputs.unshift([mother, 20, 'kg']);
      if (produce(`${Q}B-MOTHER-${d}`, d, 4, motherInputs, [[nextMother, 'INT-MOTHER', 'Mother dough', 100, 'kg']])) {
        if (!mother && plant === 0) starts.motherDoughStart = nextMother;
        mother = nextMother;
      }

      // Doughs.
      const doughs: { code: string; bread: boolean }[] = [];
      const doughCount = scale.cookieDoughsPerDay + scale.breadDoughsPerDay;
      for (let k = 0; k < doughCount; k += 1) {
        const bread = k < scale.breadDoughsPerDay;
        const code = `${Q}DOUGH-${d}-${k}`;
        const inputs: [string, number, string][] = [[flour, 60, 'kg'], [sugar, 15, 'kg']];
        for (let i = int(2, 3); i > 0; i -= 1) inputs.push([pick(recentLight), 5, 'kg']);
        if (bread) inputs.push([mother, 5, 'kg']);
        if (rework.length > 0 && rnd() < 0.05) inputs.push([rework.shift()!, 10, 'kg']);
        const sku = bread ? 'INT-BREAD-DOUGH' : 'INT-COOKIE-DOUGH';
        if (produce(`${Q}B-DOUGH-${d}-${k}`, d, 8, dedupe(inputs), [[code, sku, bread ? 'Bread dough' : 'Cookie dough', 200, 'kg']])) {
          doughs.push({ code, bread });
          heavyUse.set(flour, (heavyUse.get(flour) ?? 0) + 1);
        }
      }

      // Finished goods, shipped the next days.
      for (let f = 0; f < scale.finishedBatchesPerDay; f += 1) {
        const batch = `${Q}B-FG-${d}-${f}`;
        const first = pick(doughs);
        const inputs: [string, number, string][] = [[first.code, 80, 'kg']];
        if (rnd() < 0.5) inputs.push([pick(doughs.filter((x) => x.bread === first.bread)).code, 40, 'kg']);
        for (let i = int(1, 2); i > 0; i -= 1) inputs.push([pick(recentLight), 5, 'kg']);
        const sku = int(0, FINISHED_SKUS - 1);
        const outputs: [string, string, string, number, string][] = [
          [`${Q}FG-${d}-${f}-A`, `FG-${sku}-S`, `Product ${sku}, small pack`, 600, 'each'],
          [`${Q}FG-${d}-${f}-B`, `FG-${sku}-L`, `Product ${sku}, large pack`, 200, 'each'],
        ];
        const withRework = rnd() < 0.1;
        if (withRework) outputs.push([`${Q}RW-${d}-${f}`, 'INT-REWORK', 'Rework (broken product)', 12, 'kg']);
        if (!produce(batch, d, 13, dedupe(inputs), outputs)) continue;
        if (withRework) rework.push(`${Q}RW-${d}-${f}`);
        if (plant === 0 && starts.finishedBatches.length < 200 && rnd() < 0.3) starts.finishedBatches.push(batch);
        for (const [code, , , amount] of outputs.slice(0, 2)) {
          if (plant === 0 && rnd() < 0.05) starts.finishedLots.push(code);
          // Split over several customers, shipped over the next two days.
          const parts = int(3, 7);
          for (let s = 0; s < parts; s += 1) {
            const qty = Math.floor(amount / parts);
            const id = `${Q}SH-${d}-${f}-${code.at(-1)}-${s}`;
            events.push({
              type: 'shipment', shipmentId: id, customerId: pick(customerIds), shippedAt: day(d + 1 + (s % 2), 6), referenceDocument: `INV-${id}`,
              referenceDocumentType: 'INV', fromLocationId: plantLocation,
              lines: [{ lotCode: code, quantity: { amount: take(code, qty), unit: 'each' } }],
            });
            counts.shipments += 1;
            counts.shipmentLines += 1;
            counts.edges += 1;
          }
        }
      }
    }
  }
  // The most used wheat-flour lot of the first plant: the forward trace that reaches the most lines.
  starts.heavyIngredientLot = [...heavyUse].filter(([c]) => c.includes('-P0-')).sort((a, b) => b[1] - a[1])[0][0];
  return { scale: scaleName, events, starts, counts };
}

/** One line per lot: a dough that picks the same small lot twice takes it once, twice as much. */
function dedupe(inputs: [string, number, string][]): [string, number, string][] {
  const byCode = new Map<string, [string, number, string]>();
  for (const [code, amount, unit] of inputs) {
    const seen = byCode.get(code);
    if (seen) seen[1] += amount;
    else byCode.set(code, [code, amount, unit]);
  }
  return [...byCode.values()];
}
