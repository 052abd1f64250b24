// npm run fsma-export -- --from 2026-03-01T00:00:00Z --to 2026-03-31T23:59:59Z [--lot TLC]... [--trace-of LOT]
//   [--product SKU]... [--ftl-only] [--out DIR]
// Writes DIR/fsma204.xlsx (sheets Receiving, Transformation, Shipping, Glossary) and the same sheets
// as CSV files, reading the records once for both.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { connectFromEnv } from '../src/db/connect.js';
import { resolveFilter, writeExport } from '../src/fsma/fsma.service.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    lot: { type: 'string', multiple: true },
    product: { type: 'string', multiple: true },
    'trace-of': { type: 'string' },
    'ftl-only': { type: 'boolean', default: false },
    out: { type: 'string', default: 'fsma204-export' },
  },
});
if (!values.from || !values.to) {
  console.error('usage: npm run fsma-export -- --from ISO --to ISO [--lot TLC]... [--trace-of LOT] [--product SKU]... [--ftl-only] [--out DIR]');
  process.exit(2);
}
const { db } = await connectFromEnv();
const written: string[] = [];
try {
  const filter = await resolveFilter(db, {
    from: values.from, to: values.to, lotCodes: values.lot, productSkus: values.product,
    traceOfLotCode: values['trace-of'], ftlOnly: values['ftl-only'],
  });
  mkdirSync(values.out!, { recursive: true });
  const file = (name: string) => {
    written.push(path.join(values.out!, name));
    return createWriteStream(path.join(values.out!, name));
  };
  const bar = new SingleBar({ format: 'exporting {sheet} | {value} records | {duration_formatted}' }, Presets.shades_classic);
  bar.start(0, 0, { sheet: '' });
  const started = performance.now();
  const rows = await writeExport(
    db,
    filter,
    {
      xlsx: file('fsma204.xlsx'),
      csv: { RECEIVING: file('receiving.csv'), TRANSFORMATION: file('transformation.csv'), SHIPPING: file('shipping.csv'), GLOSSARY: file('glossary.csv') },
    },
    (n, sheet) => bar.update(n, { sheet }),
  );
  bar.stop();
  console.log(`Wrote ${rows} records to ${values.out}/fsma204.xlsx and the same as CSV, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  // No cut-off file is left to be taken for a whole one.
  for (const f of written) rmSync(f, { force: true });
  console.error(`\n${(error as Error).message}${written.length ? ' (no file written)' : ''}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
