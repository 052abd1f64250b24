/**
 * The pages in a real browser: Debian's chromium (installed by .ci/run where missing; another
 * with LOTGRAPH_CHROMIUM, see ./chromium.ts), driven by playwright-core, against the real service and Neo4j.
 * Screenshots go to test-artifacts/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/driver.js';
import { WEB_DIST } from '../src/web/web.http.js';
import { initiateRecall } from '../src/recall/recall.service.js';
import { requireChromium } from './chromium.js';
import { connect, cypherRows, type Http, startHttp, uid } from './helpers.js';

const SHOTS = path.resolve('test-artifacts', 'screenshots');
const require = createRequire(import.meta.url);

let db: Db;
let http: Http;
let browser: Browser;
const p = uid('WEB');
const keys: Record<'viewer' | 'quality', string> = { viewer: '', quality: '' };
const shippedOn = '2026-03-05';

async function must(query: string, variables: Record<string, unknown> = {}) {
  const res = await http.gql(query, variables);
  if (res.body.errors) throw new Error(`${query}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data;
}

/** Flour and butter into batch B1, which made two cookie lots; shipped to two shops; one cookie lot on hold and recalled (open). */
async function world() {
  await must(`mutation {
    a: upsertSupplier(input: { id: "${p}MILL", name: "Northfield Mills ${p}" }) { id }
    b: upsertSupplier(input: { id: "${p}DAIRY", name: "Green Valley Dairy ${p}" }) { id }
    c: upsertCustomer(input: { id: "${p}SHOP1", name: "CityMart ${p}" }) { id }
    d: upsertCustomer(input: { id: "${p}SHOP2", name: "Corner Store ${p}" }) { id }
  }`);
  await must(`mutation {
    f: receiveLot(input: { lotCode: "${p}FLOUR", productSku: "ING-FLOUR", productName: "Flour", supplierId: "${p}MILL", supplierLotCode: "${p}NM-1", quantity: { amount: 500, unit: "kg" }, receivedAt: "2026-03-01T08:00:00Z" }) { code }
    b: receiveLot(input: { lotCode: "${p}BUTTER", productSku: "ING-BUTTER", productName: "Butter", supplierId: "${p}DAIRY", supplierLotCode: "${p}GV-7", quantity: { amount: 50, unit: "kg" }, receivedAt: "2026-03-01T09:00:00Z" }) { code }
  }`);
  await must(`mutation {
    recordProduction(input: { batchCode: "${p}B1", producedAt: "2026-03-02T08:00:00Z",
      inputs: [{ lotCode: "${p}FLOUR", quantity: { amount: 40, unit: "kg" } }, { lotCode: "${p}BUTTER", quantity: { amount: 8, unit: "kg" } }],
      outputs: [{ lotCode: "${p}COOKIE-A", productSku: "FG-COOKIE-${p}", productName: "Chocolate chip cookies", quantity: { amount: 200, unit: "each" } },
                { lotCode: "${p}COOKIE-B", productSku: "FG-COOKIE-${p}", productName: "Chocolate chip cookies", quantity: { amount: 200, unit: "each" } }] }) { code }
  }`);
  await must(`mutation {
    s1: recordShipment(input: { shipmentId: "${p}S1", customerId: "${p}SHOP1", shippedAt: "${shippedOn}T08:00:00Z", lines: [{ lotCode: "${p}COOKIE-A", quantity: { amount: 40, unit: "each" } }] }) { id }
    s2: recordShipment(input: { shipmentId: "${p}S2", customerId: "${p}SHOP2", shippedAt: "${shippedOn}T10:00:00Z", lines: [{ lotCode: "${p}COOKIE-A", quantity: { amount: 30, unit: "each" } }, { lotCode: "${p}COOKIE-B", quantity: { amount: 20, unit: "each" } }] }) { id }
  }`);
  await must(`mutation { holdLots(input: { lotCodes: ["${p}COOKIE-B"], reason: "Metal detector alarm", by: "QA" }) { code } }`);
  await must(`mutation { initiateRecall(input: { recallId: "${p}R1", reason: "Undeclared hazelnut", classification: "Class I", by: "QA lead", start: { lotCodes: ["${p}COOKIE-B"] }, action: HOLD }) { id } }`);
  for (const role of ['viewer', 'quality'] as const) {
    keys[role] = (await must(`mutation { createApiKey(input: { name: "${p}${role}", role: ${role.toUpperCase()} }) { secret } }`)).createApiKey.secret;
  }
}

beforeAll(async () => {
  // npm test builds the pages first; a lone `vitest run` of this file may not have.
  if (!existsSync(path.join(WEB_DIST, 'trace.html'))) execFileSync('node', ['web/build.mjs'], { stdio: 'pipe' });
  mkdirSync(SHOTS, { recursive: true });
  db = connect();
  http = await startHttp(db);
  await world();
  browser = await chromium.launch({ executablePath: requireChromium(), args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await http?.close();
  await db?.close();
});

/** A fresh browser context (its own sessionStorage) with every page error collected. */
async function open(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

async function logIn(page: Page, key: string, url: string) {
  await page.goto(http.base + url);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('who').waitFor({ state: 'attached' });
}

/** How long a page may take to show an answer: the machines are shared, and the other test file runs beside this one. */
const SLOW = { timeout: 20_000 };

const drawn = (page: Page) => page.waitForSelector('#graph[data-rendered-ms]', { timeout: 30_000 });

describe('the trace explorer', () => {
  it('answers the cookie complaint: finds the lot from the caller\'s description, shows its batch and ingredient lots, then every other customer', async () => {
    const { context, page, errors } = await open();
    await logIn(page, keys.quality, '/trace');
    // The caller: "CityMart, the chocolate chip cookies, early March".
    await page.getByLabel('Customer (name or part of it)').fill(`citymart ${p}`);
    await page.getByLabel('Product SKU (if known)').fill(`FG-COOKIE-${p}`);
    await page.getByLabel('Shipped from').fill('2026-03-01');
    await page.getByLabel('to', { exact: true }).fill('2026-03-10');
    await page.getByRole('button', { name: 'Find lots' }).click();
    await page.getByRole('button', { name: `Trace ${p}COOKIE-A backward` }).click();
    await drawn(page);
    expect(new URL(page.url()).search).toBe(`?lot=${encodeURIComponent(`${p}COOKIE-A`)}&direction=backward&group=none`);
    const summary = page.locator('.summary');
    await expect.poll(() => summary.textContent(), SLOW).toContain('3 lots, 1 batch, 2 suppliers, 2 customers');
    // The ingredient lots, and the batch in the lot's details.
    const lots = page.locator('.lists table').first();
    for (const code of ['FLOUR', 'BUTTER', 'COOKIE-A']) expect(await lots.textContent()).toContain(`${p}${code}`);
    await page.getByRole('button', { name: `${p}COOKIE-A`, exact: true }).click();
    await expect.poll(() => page.locator('#details').textContent(), SLOW).toContain(`Made in batch${p}B1`);
    const graph = await page.evaluate(() => (window as any).lotgraphGraph.nodes().map((n: any) => n.id()));
    expect(graph).toEqual(expect.arrayContaining([`batch:${p}B1`, `lot:${p}FLOUR`, `lot:${p}BUTTER`, `supplier:${p}MILL`, `supplier:${p}DAIRY`]));
    await page.screenshot({ path: path.join(SHOTS, 'trace-explorer.png'), fullPage: true });

    // Who else received product from that batch.
    await page.getByRole('button', { name: `Everyone who received batch ${p}B1` }).click();
    await expect.poll(() => summary.textContent(), SLOW).toContain(`Forward from batch ${p}B1`);
    const receivers = await page.locator('.lists table').nth(1).textContent();
    expect(receivers).toContain(`CityMart ${p}`);
    expect(receivers).toContain(`Corner Store ${p}`);
    expect(new URL(page.url()).searchParams.get('batch')).toBe(`${p}B1`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a held lot as held in a forward trace, in the graph and in the list, from a link a dashboard can embed', async () => {
    const { context, page, errors } = await open();
    await logIn(page, keys.quality, `/trace?lot=${p}FLOUR&direction=forward&embed=1`);
    await drawn(page);
    const node = await page.evaluate((id) => {
      const n = (window as any).lotgraphGraph.getElementById(id);
      return { label: n.data('label'), status: n.data('status'), border: n.style('border-style') };
    }, `lot:${p}COOKIE-B`);
    expect(node).toEqual({ label: `${p}COOKIE-B\nChocolate chip cookies\nON HOLD`, status: 'ON_HOLD', border: 'dashed' });
    expect(await page.evaluate((id) => (window as any).lotgraphGraph.getElementById(id).data('status'), `lot:${p}COOKIE-A`)).toBe('AVAILABLE');
    // Embedded: the graph alone, no finder and no header.
    expect(await page.locator('.finder').isVisible()).toBe(false);
    expect(await page.locator('header.shell').isVisible()).toBe(false);
    // Grouped by product: the two cookie lots are one node, marked as holding a held lot.
    await page.goto(`${http.base}/trace?lot=${p}FLOUR&direction=forward&group=product`);
    await drawn(page);
    const group = await page.evaluate((id) => (window as any).lotgraphGraph.getElementById(id).data(), `lots:FG-COOKIE-${p}`);
    expect(group).toMatchObject({ count: 2, status: 'ON_HOLD' });
    expect(await page.locator('.lists table').first().locator('tr', { hasText: `${p}COOKIE-B` }).textContent()).toContain('ON HOLD');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers the lots and shipments as CSV and the picture as PNG', async () => {
    const { context, page } = await open({ acceptDownloads: true });
    await logIn(page, keys.viewer, `/trace?lot=${p}FLOUR&direction=forward`);
    await drawn(page);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lots (CSV)' }).click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\r\n')[0]).toBe('lot,productSku,productName,steps,status,quantity,unit,onHand,supplierId');
    expect(text).toContain(`${p}COOKIE-B,FG-COOKIE-${p},Chocolate chip cookies,1,ON_HOLD,200,each,180,`);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Picture (PNG)' }).click()]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
    await context.close();
  });
});

describe('the recall board', () => {
  it('shows a mock recall started from a lot in the trace explorer, and moves a notice', async () => {
    const { context, page, errors } = await open();
    await logIn(page, keys.quality, `/trace?lot=${p}COOKIE-A&direction=forward`);
    await drawn(page);
    await page.getByRole('button', { name: `${p}COOKIE-A`, exact: true }).click();
    await page.getByRole('button', { name: 'Start a mock recall' }).click();
    await page.getByLabel('Reason').fill('Quarterly mock recall');
    await page.getByRole('form', { name: 'Start mock recall' }).getByRole('button', { name: 'Start mock recall' }).click();
    const link = page.locator('#details a[href^="/recalls#MOCK-"]');
    await link.waitFor();
    const id = (await link.textContent())!;
    await link.click();
    const card = page.locator(`article#recall-${id}`);
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('MOCK');
    expect(text).toContain('Quarterly mock recall');
    expect(text).toMatch(/Customers\s*2/);

    // The real recall of the held cookie lot: notices per customer, moved from the board.
    await page.getByRole('button', { name: 'Open recalls' }).click();
    const recall = page.locator(`article#recall-${p}R1`);
    await recall.waitFor();
    expect(await recall.textContent()).toContain('Undeclared hazelnut');
    await recall.getByRole('button', { name: `Mark Corner Store ${p} notified` }).click();
    await expect.poll(async () => recall.locator('tr', { hasText: `Corner Store ${p}` }).textContent(), SLOW).toContain('NOTIFIED');
    await page.screenshot({ path: path.join(SHOTS, 'recall-board.png'), clip: { x: 0, y: 0, width: 1400, height: 1000 } });
    // Recorded, not only shown.
    const [notice] = await cypherRows(db, 'MATCH (:Recall {id: $id})-[n:NOTIFIES]->(:Customer {id: $c}) RETURN n.status AS status', { id: `${p}R1`, c: `${p}SHOP2` });
    expect(notice).toEqual({ status: 'NOTIFIED' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a recall a supplier's lotgraph opened as pending, with where it came from, and confirms it", async () => {
    // What a linked supplier's signed notice opens (test/partners.int.test.ts sends real ones between instances).
    await must(`mutation { receiveLot(input: { lotCode: "${p}OIL", productSku: "ING-OIL", productName: "Sunflower oil", supplierId: "${p}MILL", supplierLotCode: "${p}NM-OIL", quantity: { amount: 20, unit: "kg" }, receivedAt: "2026-03-01T08:00:00Z" }) { code } }`);
    await initiateRecall(db, { recallId: `IN-${p}MILL-R9`, reason: `Northfield Mills recall R9: rancid oil`, by: 'Northfield Mills (a notice from its lotgraph)', start: { lotCodes: [`${p}OIL`] }, action: 'HOLD' }, false, undefined, {
      originLinkId: `supplier:${p}MILL`, originCompany: 'Northfield Mills', originRecallId: 'R9', originStatementId: 'none',
      originRootCompany: 'Northfield Mills', originRootRecallId: 'R9', originRootReason: 'rancid oil',
    });
    const { context, page, errors } = await open();
    await logIn(page, keys.quality, `/recalls#IN-${p}MILL-R9`);
    const card = page.locator(`article#recall-IN-${p}MILL-R9`);
    await card.waitFor(SLOW);
    expect(await page.getByRole('button', { name: 'Pending recalls (from suppliers)' }).getAttribute('aria-pressed')).toBe('true');
    expect(await card.textContent()).toContain("Opened by a signed notice from Northfield Mills's lotgraph (their recall R9). No lot is held until it is confirmed here.");
    await card.getByLabel('Affected lots with stock').selectOption('HOLD');
    await card.getByRole('button', { name: 'Confirm the recall' }).click();
    await expect.poll(async () => (await cypherRows(db, 'MATCH (l:Lot {code: $c}) RETURN l.status AS s', { c: `${p}OIL` }))[0]?.s, SLOW).toBe('ON_HOLD');
    const [recall] = await cypherRows(db, 'MATCH (r:Recall {id: $id}) RETURN r.status AS status, r.confirmedBy AS by', { id: `IN-${p}MILL-R9` });
    expect(recall).toEqual({ status: 'OPEN', by: `${p}quality` });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the import page', () => {
  it('checks a receiving log with a supplier it does not know, shows the preview, writes nothing, then imports it', async () => {
    const { context, page, errors } = await open();
    await logIn(page, keys.quality, '/import');
    const csv = `Receiving log\r\n\r\nDate Received,Lot #,Item Code,Description,Vendor,Vendor Lot,Qty,UOM\r\n3/9/2026 7:15 AM,${p}OATS,ING-OATS,Rolled oats,Oat Co ${p},OC-1,"1,200",lbs\r\n`;
    await page.getByLabel('What it holds').selectOption('receipts');
    await page.getByLabel('File (CSV or XLSX)').setInputFiles({ name: `oats-${p}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('Dates with slashes are').selectOption('mdy');
    await page.getByLabel('Create suppliers or customers it names that are not known yet').check();
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await expect.poll(() => page.locator('#result').textContent(), SLOW).toContain('2 record(s) would be recorded');
    expect(await page.locator('#result table').textContent()).toContain(`${p}OATS`);
    expect(await cypherRows(db, 'MATCH (l:Lot {code: $c}) RETURN l.code AS c', { c: `${p}OATS` })).toEqual([]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.locator('#result').textContent(), SLOW).toContain('imported 2 record(s)');
    const [lot] = await cypherRows(db, 'MATCH (s:Supplier)-[:SUPPLIED]->(l:Lot {code: $c}) RETURN s.name AS supplier, l.quantity AS q, l.unit AS unit', { c: `${p}OATS` });
    expect(lot).toEqual({ supplier: `Oat Co ${p}`, q: 1200, unit: 'lb' });
    await expect.poll(() => page.locator('#history').textContent(), SLOW).toContain(`oats-${p}.csv`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives a viewer key the templates, and no button that checks or imports', async () => {
    const { context, page } = await open({ acceptDownloads: true });
    await logIn(page, keys.viewer, '/import');
    await page.getByLabel('What it holds').selectOption('shipments');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Template (CSV)' }).click()]);
    expect(readFileSync(await csv.path(), 'utf8').split('\n')[0]).toBe('shipmentId,customer,shippedAt,lotCode,quantity,unit,referenceDocument');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Check (dry run)' }).count()).toBe(0);
    await context.close();
  });
});

describe('keys and roles', () => {
  it('show a viewer key no write buttons, on either page', async () => {
    const { context, page } = await open();
    await logIn(page, keys.viewer, `/trace?lot=${p}COOKIE-A&direction=forward`);
    await drawn(page);
    await page.getByRole('button', { name: `${p}COOKIE-A`, exact: true }).click();
    await page.getByRole('button', { name: 'Trace backward from here' }).waitFor();
    for (const name of ['Put on hold', 'Release the hold', 'Start a mock recall']) expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    await page.goto(`${http.base}/recalls#${p}R1`);
    await page.locator(`article#recall-${p}R1`).waitFor();
    expect(await page.getByRole('button', { name: /^Mark / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Close the recall' }).count()).toBe(0);
    expect(await page.getByTestId('who').textContent()).toContain('viewer');
    await context.close();
  });

  it('send a partner key to GraphiQL rather than show it pages whose fields are not a partner\'s', async () => {
    const partner = (await must(`mutation { createApiKey(input: { name: "${p}partner", role: VIEWER, customerId: "${p}SHOP1" }) { secret } }`)).createApiKey.secret;
    const { context, page, errors } = await open();
    await logIn(page, partner, `/trace?lot=${p}COOKIE-A&direction=forward`);
    await expect.poll(() => page.locator('main').textContent(), SLOW).toContain('This page is for our own keys');
    expect(await page.locator('#graph').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a bad key at the log-in, and forgets the key with the tab', async () => {
    const { context, page } = await open();
    await page.goto(`${http.base}/recalls`);
    await page.getByLabel('API key').fill('lg_not-a-key');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), SLOW).toContain('not valid');
    await logIn(page, keys.viewer, '/recalls');
    expect(await page.evaluate(() => [localStorage.length, document.cookie])).toEqual([0, '']);
    await context.close();
  });
});

describe('GraphiQL', () => {
  it('loads its schema and answers with the network cut off: nothing outside this server is asked for', async () => {
    const { context, page, errors } = await open();
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(http.base)) return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await logIn(page, keys.viewer, '/graphiql');
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await page.locator('.graphiql-doc-explorer').getByText('traceBackward').first().waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect.poll(() => page.locator('.result-window').textContent(), SLOW).toContain('"lot"');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'graphiql.png') });
    await context.close();
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe-core violation on the log-in, the trace explorer, the recall board and the import page', async () => {
    // axe is injected as a script, which the pages' own CSP would refuse.
    const { context, page } = await open({ bypassCSP: true });
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const check = async (what: string) => {
      await page.addScriptTag({ content: axe });
      const result = await page.evaluate(async () => (window as any).axe.run(document, { resultTypes: ['violations'] }));
      expect(result.testEngine.name).toBe('axe-core');
      const serious = result.violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v: { id: string; help: string; nodes: { target: string[] }[] }) => `${what}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
    };
    await page.goto(`${http.base}/trace`);
    await page.getByLabel('API key').waitFor();
    await check('log-in');
    await logIn(page, keys.quality, `/trace?lot=${p}COOKIE-A&direction=backward`);
    await drawn(page);
    await page.getByRole('button', { name: `${p}COOKIE-A`, exact: true }).click();
    await page.getByRole('button', { name: 'Trace forward from here' }).waitFor();
    await check('trace explorer');
    await page.goto(`${http.base}/recalls#${p}R1`);
    await page.locator(`article#recall-${p}R1`).waitFor();
    await check('recall board');
    await page.goto(`${http.base}/import`);
    await page.locator('#history table, #history .empty').first().waitFor();
    await check('import page');
    await context.close();
  });
});
