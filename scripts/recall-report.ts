// npm run recall-report -- <recallId> [--format csv|html] [--out file]: the recall's report.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectFromEnv } from '../src/db/connect.js';
import { buildReport, toCsv, toHtml } from '../src/recall/recall.report.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string', default: 'html' }, out: { type: 'string' } },
});
const [recallId] = positionals;
if (!recallId || !['csv', 'html'].includes(values.format!)) {
  console.error('usage: npm run recall-report -- <recallId> [--format csv|html] [--out file]');
  process.exit(2);
}
const { db } = await connectFromEnv();
try {
  const report = await buildReport(db, recallId);
  const text = values.format === 'csv' ? toCsv(report) : toHtml(report);
  if (values.out) {
    writeFileSync(values.out, text);
    console.log(`Wrote ${values.out}: ${report.scope.lines.length} shipment lines, ${report.scope.lots.length} lots.`);
  } else {
    process.stdout.write(text);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
