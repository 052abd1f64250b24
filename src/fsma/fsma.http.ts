/**
 * The FSMA export's download paths: the filter as query parameters, both ways, in one place, so
 * that the links `fsmaExport` gives and the server's reading of them cannot drift apart.
 *
 *   /fsma/export.xlsx?from=ISO&to=ISO[&product=SKU]...[&lot=TLC]...[&ftlOnly=true][&traceOf=LOT]
 *   /fsma/{receiving,transformation,shipping,glossary}.csv?(the same)
 */
import type { Cte } from './fsma.repository.js';
import type { FsmaFilterInput } from './fsma.service.js';

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

/** Every file of the export for a filter, as paths with the filter in their query. */
export function exportLinks(filter: FsmaFilterInput): Record<keyof typeof FILES, string> {
  const query = queryFromFilter(filter);
  const link = (file: string) => `/fsma/${file}?${query}`;
  return {
    xlsx: link(FILES.xlsx),
    receivingCsv: link(FILES.receivingCsv),
    transformationCsv: link(FILES.transformationCsv),
    shippingCsv: link(FILES.shippingCsv),
    glossaryCsv: link(FILES.glossaryCsv),
  };
}
