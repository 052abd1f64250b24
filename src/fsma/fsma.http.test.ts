import { describe, expect, it } from 'vitest';
import { downloadOf, exportLinks, filterFromQuery } from './fsma.http.js';

describe('FSMA download paths', () => {
  it('carry every part of a filter through a link and back, whatever characters the codes hold', () => {
    const filter = {
      from: '2026-03-01T00:00:00+01:00', to: '2026-03-31T23:59:59Z', productSkus: ['SKU 1', 'A&B'], lotCodes: ['L=1', 'L?2#'],
      ftlOnly: true, traceOfLotCode: 'COOKIE 0302/A',
    };
    const links = exportLinks(filter);
    for (const link of Object.values(links)) {
      const url = new URL(link, 'http://example.test');
      expect(downloadOf(url.pathname)).not.toBeNull();
      expect(filterFromQuery(url.searchParams)).toEqual(filter);
    }
    expect(downloadOf(new URL(links.xlsx, 'http://x').pathname)).toEqual({ xlsx: true });
    expect(downloadOf(new URL(links.transformationCsv, 'http://x').pathname)).toEqual({ csv: 'TRANSFORMATION' });
  });

  it('leave out what a filter does not set, and know no other path', () => {
    const url = new URL(exportLinks({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }).shippingCsv, 'http://x');
    expect([...url.searchParams.keys()]).toEqual(['from', 'to']);
    expect(filterFromQuery(url.searchParams)).toEqual({
      from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', productSkus: [], lotCodes: [], ftlOnly: false, traceOfLotCode: null,
    });
    expect(downloadOf('/fsma/export.csv')).toBeNull();
    expect(downloadOf('/fsma/shipping.csv/x')).toBeNull();
  });
});
