/**
 * POST /import/{receipts|production|shipments|suppliers|customers|locations|products}: a spreadsheet as the request body (CSV or
 * XLSX, told by its Content-Type or ?format=), with ?dryRun=true, ?dateFormat=mdy|dmy,
 * ?decimalComma=true and ?mapping={"header":"field"} or ?mappingName=NAME (a saved one), and
 * an X-File-Name header for the history; answers the report as JSON: 200 when the
 * file was recorded (or, in a dry run, would be), 422 with every problem and nothing written.
 * A recorder's key, checked before the body is read. The upload is audited like a mutation, and
 * (unless a dry run) kept in the import history.
 *
 * GET /import/templates/{kind}.xlsx|.csv: a blank sheet to fill in, for any key.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AuthOptions } from '../auth/auth.http.js';
import { errorBody, requireRoute } from '../auth/auth.http.js';
import { recordAlone } from '../auth/audit.js';
import type { Db } from '../db/driver.js';
import { ErrorCode } from '../errors.js';
import { KINDS, type Kind } from './columns.js';
import { importSpreadsheet } from './spreadsheet.service.js';
import type { Format } from './table.js';
import { csvTemplate, xlsxTemplate } from './templates.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Spreadsheets are larger than GraphQL requests: their own limit. */
const UPLOAD_LIMIT = 64 * 1024 * 1024;

export const spreadsheetRoutes: FastifyPluginAsync<{ db: Db } & Pick<AuthOptions, 'authenticator' | 'links'>> = async (app, { db, ...auth }) => {
  // The body as bytes, for these routes only (this plugin's own content-type parsers).
  app.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) => done(null, body));

  app.post<{ Params: { kind: string }; Querystring: Record<string, string | undefined> }>(
    '/import/:kind',
    { onRequest: requireRoute('spreadsheetImport', auth), bodyLimit: UPLOAD_LIMIT },
    async (req, reply) => {
      const kind = req.params.kind as Kind;
      if (!KINDS.includes(kind)) return reply.callNotFound();
      const type = String(req.headers['content-type'] ?? '');
      const format: Format | null = req.query.format === 'csv' || req.query.format === 'xlsx' ? req.query.format : type.startsWith('text/csv') ? 'csv' : type.startsWith(XLSX_TYPE) ? 'xlsx' : null;
      const bad = (message: string) => reply.code(400).send(errorBody(ErrorCode.BAD_USER_INPUT, message));
      if (!format) return bad(`Send the spreadsheet as the body with Content-Type text/csv or ${XLSX_TYPE} (or ?format=csv|xlsx).`);
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) return bad('The request has no spreadsheet in its body.');
      const { dateFormat, mapping, mappingName } = req.query;
      if (dateFormat !== undefined && dateFormat !== 'mdy' && dateFormat !== 'dmy') return bad('dateFormat is mdy or dmy.');
      let columns: Record<string, string> | undefined;
      try {
        columns = mapping ? JSON.parse(mapping) : undefined;
      } catch {
        return bad('mapping is JSON: {"header in the file": "field"}.');
      }
      const fileName = String(req.headers['x-file-name'] ?? '').slice(0, 255) || null;
      const report = await importSpreadsheet(db, req.body, format, {
        kind,
        dryRun: req.query.dryRun === 'true',
        dateFormat,
        decimalComma: req.query.decimalComma === 'true',
        mapping: columns,
        mappingName: mappingName || undefined,
        fileName,
        by: req.principal ? { keyId: req.principal.keyId, name: req.principal.name } : null,
      });
      const outcome = report.problems.length > 0 ? ErrorCode.BAD_USER_INPUT : 'OK';
      if (!report.dryRun) {
        await recordAlone(db, req.principal, `import:${kind}`, { fileName, rows: report.rows, written: report.written, skipped: report.skipped, problems: report.problems.length }, outcome, req.log);
      }
      return reply.code(report.problems.length > 0 ? 422 : 200).send(report);
    },
  );

  app.get<{ Params: { file: string } }>('/import/templates/:file', { preHandler: requireRoute('spreadsheetTemplate', auth) }, async (req, reply) => {
    const [kind, ext] = req.params.file.split('.') as [Kind, string];
    if (!KINDS.includes(kind) || (ext !== 'xlsx' && ext !== 'csv')) return reply.callNotFound();
    const disposition = `attachment; filename="lotgraph-${kind}.${ext}"`;
    if (ext === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', disposition).send(csvTemplate(kind));
    return reply.type(XLSX_TYPE).header('content-disposition', disposition).send(await xlsxTemplate(kind));
  });
};
