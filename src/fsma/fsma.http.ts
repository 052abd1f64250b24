/**
 * The FSMA export's download paths: the filter as query parameters, both ways, in one place, so
 * that the links `fsmaExport` gives and the server's reading of them cannot drift apart.
 *
 *   /fsma/export.xlsx?from=ISO&to=ISO[&product=SKU]...[&lot=TLC]...[&ftlOnly=true][&traceOf=LOT]
 *   /fsma/{receiving,transformation,shipping,glossary}.csv?(the same)
 */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { AuthOptions } from '../auth/auth.http.js';
import { requireRoute, sendError } from '../auth/auth.http.js';
import type { Db } from '../db/driver.js';
import { DomainError } from '../errors.js';
import type { Cte } from './fsma.repository.js';
import { type FsmaFilterInput, resolveFilter, writeExport } from './fsma.service.js';
import { DestinationClosed } from './workbook-thread.js';

export const FILES = {
  xlsx: 'export.xlsx',
  receivingCsv: 'receiving.csv',
  transformationCsv: 'transformation.csv',
  shippingCsv: 'shipping.csv',
  glossaryCsv: 'glossary.csv',
} as const;

const DOWNLOAD = /^\/fsma\/(export\.xlsx|receiving\.csv|transformation\.csv|shipping\.csv|glossary\.csv)$/;

/** What a download path asks for: the workbook or one sheet as CSV; null when it is no download. */
export function downloadOf(pathname: string): { xlsx: true } | { csv: Cte | 'GLOSSARY' } | null {
  const file = DOWNLOAD.exec(pathname)?.[1];
  if (!file) return null;
  if (file === FILES.xlsx) return { xlsx: true };
  return { csv: file.replace('.csv', '').toUpperCase() as Cte | 'GLOSSARY' };
}

export function filterFromQuery(q: URLSearchParams): FsmaFilterInput {
  return {
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    productSkus: q.getAll('product'),
    lotCodes: q.getAll('lot'),
    ftlOnly: q.get('ftlOnly') === 'true',
    traceOfLotCode: q.get('traceOf'),
  };
}

export function queryFromFilter(filter: FsmaFilterInput): string {
  const q = new URLSearchParams({ from: filter.from, to: filter.to });
  for (const sku of filter.productSkus ?? []) q.append('product', sku);
  for (const lot of filter.lotCodes ?? []) q.append('lot', lot);
  if (filter.ftlOnly) q.set('ftlOnly', 'true');
  if (filter.traceOfLotCode != null) q.set('traceOf', filter.traceOfLotCode);
  return q.toString();
}

/** Every file of the export for a filter, as paths with the filter in their query, each passed through `sign`. */
export function exportLinks(filter: FsmaFilterInput, sign: (path: string) => string = (p) => p): Record<keyof typeof FILES, string> {
  const query = queryFromFilter(filter);
  const link = (file: string) => sign(`/fsma/${file}?${query}`);
  return {
    xlsx: link(FILES.xlsx),
    receivingCsv: link(FILES.receivingCsv),
    transformationCsv: link(FILES.transformationCsv),
    shippingCsv: link(FILES.shippingCsv),
    glossaryCsv: link(FILES.glossaryCsv),
  };
}

/** A client that goes away mid-download: no fault of ours. */
export const isClientGone = (error: unknown) =>
  error instanceof DestinationClosed || (error as { code?: string })?.code === 'ERR_STREAM_PREMATURE_CLOSE';

/**
 * GET /fsma/export.xlsx and /fsma/{sheet}.csv: the export streamed as it is written. A failure
 * half-way breaks the connection off, so that no client takes a cut-off file for a whole one.
 */
export const fsmaRoutes: FastifyPluginAsync<{ db: Db } & Pick<AuthOptions, 'authenticator' | 'links'>> = async (app, { db, ...auth }) => {
  app.get('/fsma/:file', { preHandler: requireRoute('fsmaDownload', auth) }, async (req, reply) => {
    const url = new URL(req.url, 'http://localhost');
    const download = downloadOf(url.pathname);
    if (!download) return reply.callNotFound();
    let filter;
    try {
      filter = await resolveFilter(db, filterFromQuery(url.searchParams));
    } catch (error) {
      if (error instanceof DomainError) return sendError(reply, error);
      throw error;
    }
    const xlsx = 'xlsx' in download;
    const file = xlsx ? 'fsma204.xlsx' : `fsma204-${download.csv.toLowerCase()}.csv`;
    const body = new PassThrough();
    writeExport(db, filter, xlsx ? { xlsx: body } : { csv: { [download.csv]: body } }).catch((error: unknown) => {
      if (isClientGone(error)) req.log.info('client went away during the download');
      else req.log.error({ err: error }, 'FSMA export failed half-way; the download is broken off');
      body.destroy(error as Error);
    });
    return reply
      .type(xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .send(body);
  });
};
