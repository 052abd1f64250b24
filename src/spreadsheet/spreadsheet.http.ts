/**
 * POST /import/{receipts|production|shipments|suppliers|customers|locations|products}: a spreadsheet
 * (CSV or XLSX), either as the request body (told by its Content-Type or ?format=, named for the
 * history by an X-File-Name header) or as the file of a multipart form (told by its file name),
 * with the settings dryRun=true, createMissing=true, dateFormat=mdy|dmy, decimalComma=true and
 * mapping={"header":"field"} or mappingName=NAME (a saved one) in the query or as form fields;
 * answers the report as JSON: 200 when the
 * file was recorded (or, in a dry run, would be), 422 with every problem and nothing written.
 * A recorder's key, checked before the body is read. The upload is audited like a mutation, and
 * (unless a dry run) kept in the import history.
 *
 * GET /import/templates/{kind}.xlsx|.csv: a blank sheet to fill in, for any key.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
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

/** The upload's spreadsheet and settings: from a raw body and the query, or from a multipart form. */
interface Upload {
  data: Buffer;
  format: Format | null;
  fileName: string | null;
  settings: Record<string, string | undefined>;
}

const formatOfName = (name: string | null | undefined): Format | null => (/\.csv$|\.txt$/i.test(name ?? '') ? 'csv' : /\.xlsx$/i.test(name ?? '') ? 'xlsx' : null);
const formatOfType = (type: string | undefined): Format | null => (type?.startsWith('text/csv') ? 'csv' : type?.startsWith(XLSX_TYPE) ? 'xlsx' : null);

/** A multipart form: one file part (its name and type tell the format) and text fields for the settings. */
async function fromForm(req: FastifyRequest): Promise<Upload | string> {
  let upload: Upload | null = null;
  const settings: Record<string, string | undefined> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (upload) return 'Send one spreadsheet per upload.';
      upload = { data: await part.toBuffer(), format: formatOfName(part.filename) ?? formatOfType(part.mimetype), fileName: part.filename || null, settings };
    } else {
      settings[part.fieldname] = String(part.value);
    }
  }
  return upload ?? 'The form has no file part: send the spreadsheet as a file field (e.g. file=@receiving.xlsx).';
}

export const spreadsheetRoutes: FastifyPluginAsync<{ db: Db } & Pick<AuthOptions, 'authenticator' | 'links'>> = async (app, { db, ...auth }) => {
  // The body as bytes, for these routes only (this plugin's own content-type parsers), or a
  // multipart form read as a stream by @fastify/multipart (the browser's and curl -F's way).
  app.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) => done(null, body));
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 20, fieldSize: 64 * 1024 }, throwFileSizeLimit: true });

  app.post<{ Params: { kind: string }; Querystring: Record<string, string | undefined> }>(
    '/import/:kind',
    { onRequest: requireRoute('spreadsheetImport', auth), bodyLimit: UPLOAD_LIMIT },
    async (req, reply) => {
      const kind = req.params.kind as Kind;
      if (!KINDS.includes(kind)) return reply.callNotFound();
      const bad = (message: string) => reply.code(400).send(errorBody(ErrorCode.BAD_USER_INPUT, message));
      let upload: Upload;
      if (req.isMultipart()) {
        let form: Upload | string;
        try {
          form = await fromForm(req);
        } catch (error) {
          const tooLarge = (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
          return reply.code(tooLarge ? 413 : 400).send(errorBody(ErrorCode.BAD_USER_INPUT, tooLarge ? `The spreadsheet is over ${UPLOAD_LIMIT / 1024 / 1024} MB.` : `The form does not read: ${(error as Error).message}`));
        }
        if (typeof form === 'string') return bad(form);
        // Settings in the form, else in the query.
        upload = { ...form, settings: { ...req.query, ...form.settings } };
      } else {
        upload = {
          data: req.body as Buffer,
          format: formatOfType(req.headers['content-type']),
          fileName: String(req.headers['x-file-name'] ?? '') || null,
          settings: req.query,
        };
      }
      const { settings } = upload;
      const format: Format | null = settings.format === 'csv' || settings.format === 'xlsx' ? settings.format : upload.format;
      if (!format) return bad(`Send the spreadsheet as the body with Content-Type text/csv or ${XLSX_TYPE}, or as the file of a multipart form named .csv or .xlsx (or give format=csv|xlsx).`);
      if (!Buffer.isBuffer(upload.data) || upload.data.length === 0) return bad('The request has no spreadsheet in it.');
      const { dateFormat, mapping, mappingName } = settings;
      if (dateFormat !== undefined && dateFormat !== 'mdy' && dateFormat !== 'dmy') return bad('dateFormat is mdy or dmy.');
      let columns: Record<string, string> | undefined;
      try {
        columns = mapping ? JSON.parse(mapping) : undefined;
      } catch {
        return bad('mapping is JSON: {"header in the file": "field"}.');
      }
      const fileName = upload.fileName?.slice(0, 255) || null;
      const report = await importSpreadsheet(db, upload.data, format, {
        kind,
        dryRun: settings.dryRun === 'true',
        createMissing: settings.createMissing === 'true',
        dateFormat,
        decimalComma: settings.decimalComma === 'true',
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
