/**
 * Several companies, each with a lotgraph of its own: a launcher Neo4j (own data, own ports) and
 * the service in its own process, as `npm start` runs it. For the tests and the benchmark of work
 * across companies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { connectToLauncher } from '../src/db/connect.js';
import type { Db } from '../src/db/driver.js';
import { boltUri, type LauncherConfig, start, stop } from '../src/db/launcher.js';
import { applySchema } from '../src/db/schema.js';
import { scratchLauncher } from './launchers.js';

/** A company's lotgraph as its admin reaches it. */
export interface Client {
  base: string;
  /** A GraphQL request with the company's admin key, or the key given. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
}

export interface Company extends Client {
  name: string;
  adminKey: string;
  db: Db;
  output(): string;
}

/** A lotgraph that runs elsewhere, with its admin key. */
export function client(base: string, adminKey: string): Client {
  return {
    base,
    async gql(query, variables, key = adminKey) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
  };
}

interface Running extends Company {
  launcher: LauncherConfig;
  stateDir: string;
  child: ChildProcess;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  await once(server, 'close');
  return port;
}

async function startOne(spec: { label: string; name: string; portBase: number }, env: Record<string, string>): Promise<Running> {
  const { config: launcher, stateDir } = scratchLauncher(spec.label, spec.portBase);
  await start(launcher, () => undefined);
  const db = connectToLauncher(launcher);
  await applySchema(db);
  const port = await freePort();
  const adminKey = `lg_${spec.label}-admin-key-for-tests`;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NEO4J_URI: boltUri(launcher),
      NEO4J_USER: launcher.user,
      NEO4J_PASSWORD: launcher.password,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOTGRAPH_ADMIN_KEY: adminKey,
      LOTGRAPH_COMPANY_NAME: spec.name,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const company: Running = { ...client(base, adminKey), name: spec.name, adminKey, db, launcher, stateDir, child, output: () => output };
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) throw new Error(`${spec.name}'s lotgraph exited during start-up:\n${output}`);
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return company;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${spec.name}'s lotgraph did not answer /health in 60 s:\n${output}`);
}

/** Starts each company's Neo4j and service (all at once); stopCompanies ends them. */
export async function startCompanies(specs: { label: string; name: string; portBase: number }[], env: Record<string, string> = {}): Promise<Company[]> {
  const settled = await Promise.allSettled(specs.map((s) => startOne(s, env)));
  const running = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await stopCompanies(running);
    throw (failed as PromiseRejectedResult).reason;
  }
  return running;
}

export async function stopCompanies(companies: Company[]) {
  await Promise.all(
    (companies as Running[]).map(async (c) => {
      if (c.child.exitCode === null) {
        const exited = once(c.child, 'exit');
        c.child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (c.child.exitCode === null) c.child.kill('SIGKILL');
      }
      await c.db.close();
      await stop(c.launcher);
      rmSync(c.stateDir, { recursive: true, force: true });
    }),
  );
}

/** Asserts a GraphQL answer has no errors and gives its data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ok(answer: { data?: any; errors?: { message: string }[] }): any {
  if (answer.errors?.length) throw new Error(`GraphQL errors: ${answer.errors.map((e) => e.message).join('; ')}`);
  return answer.data;
}

/**
 * The supply chain of README's walkthrough, the tests and the benchmark: a mill that receives a
 * farm's wheat and ships flour to a bakery (and to another bakery), the bakery that makes cookies
 * of it (and sugar) and ships them to a grocer (and a cafe), and the grocer that receives them.
 * Each company's own records, through its own API.
 */
export async function recordChain(mill: Client, bakery: Client, grocer: Client) {
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T08:00:00Z`;
  const kg = (amount: number) => ({ amount, unit: 'kg' });
  const run = async (c: Client, query: string, variables: Record<string, unknown>) => ok(await c.gql(query, variables));
  const supplier = (c: Client, id: string, name: string) => run(c, 'mutation($i: SupplierInput!) { upsertSupplier(input: $i) { id } }', { i: { id, name } });
  const customer = (c: Client, id: string, name: string) => run(c, 'mutation($i: CustomerInput!) { upsertCustomer(input: $i) { id } }', { i: { id, name } });
  const receive = (c: Client, i: Record<string, unknown>) => run(c, 'mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', { i });
  const produce = (c: Client, i: Record<string, unknown>) => run(c, 'mutation($i: ProductionInput!) { recordProduction(input: $i) { code } }', { i });
  const ship = (c: Client, i: Record<string, unknown>) => run(c, 'mutation($i: ShipmentInput!) { recordShipment(input: $i) { id } }', { i });

  // The mill.
  await run(mill, 'mutation($i: LocationInput!) { upsertLocation(input: $i) { id } }', { i: { id: 'LOC-FARM', businessName: 'Hill Farm, field 7', city: 'Salina', state: 'KS', gln: '0614141000067' } });
  await supplier(mill, 'FARM', 'Hill Farm');
  await customer(mill, 'BAKERY', 'Sunrise Bakery');
  await customer(mill, 'OTHERBAKE', 'Other Bakehouse');
  await receive(mill, { lotCode: 'WHEAT-1', productSku: 'WHEAT', productName: 'Hard red wheat', supplierId: 'FARM', supplierLotCode: 'HF-2026-07', quantity: kg(10_000), receivedAt: at(1), tlcSourceLocationId: 'LOC-FARM' });
  await receive(mill, { lotCode: 'WHEAT-2', productSku: 'WHEAT', productName: 'Hard red wheat', supplierId: 'FARM', supplierLotCode: 'HF-2026-08', quantity: kg(5_000), receivedAt: at(1), tlcSourceLocationId: 'LOC-FARM' });
  await produce(mill, { batchCode: 'MILL-B1', producedAt: at(2), inputs: [{ lotCode: 'WHEAT-1', quantity: kg(8_000) }, { lotCode: 'WHEAT-2', quantity: kg(2_000) }], outputs: [{ lotCode: 'FLOUR-0301', productSku: 'FLOUR', productName: 'Bread flour', quantity: kg(9_000) }] });
  await produce(mill, { batchCode: 'MILL-B2', producedAt: at(2), inputs: [{ lotCode: 'WHEAT-2', quantity: kg(2_000) }], outputs: [{ lotCode: 'FLOUR-0302', productSku: 'FLOUR', productName: 'Bread flour', quantity: kg(1_800) }] });
  await ship(mill, { shipmentId: 'SM-1', customerId: 'BAKERY', shippedAt: at(3), lines: [{ lotCode: 'FLOUR-0301', quantity: kg(1_000) }] });
  await ship(mill, { shipmentId: 'SM-2', customerId: 'OTHERBAKE', shippedAt: at(3), lines: [{ lotCode: 'FLOUR-0301', quantity: kg(500) }, { lotCode: 'FLOUR-0302', quantity: kg(500) }] });

  // The bakery.
  await supplier(bakery, 'MILL', 'Prairie Mill');
  await supplier(bakery, 'SUGARCO', 'Sugar Co');
  await customer(bakery, 'GROCER', 'Fresh Grocer');
  await customer(bakery, 'CAFE', 'Corner Cafe');
  await receive(bakery, { lotCode: 'FLOUR-IN-1', productSku: 'FLOUR', productName: 'Bread flour', supplierId: 'MILL', supplierLotCode: 'FLOUR-0301', quantity: kg(1_000), receivedAt: at(4) });
  await receive(bakery, { lotCode: 'SUGAR-1', productSku: 'SUGAR', productName: 'Cane sugar', supplierId: 'SUGARCO', supplierLotCode: 'SC-9', quantity: kg(200), receivedAt: at(4) });
  await produce(bakery, { batchCode: 'BAK-B1', producedAt: at(5), inputs: [{ lotCode: 'FLOUR-IN-1', quantity: kg(400) }, { lotCode: 'SUGAR-1', quantity: kg(50) }], outputs: [{ lotCode: 'DOUGH-1', productSku: 'DOUGH', productName: 'Cookie dough', quantity: kg(450) }] });
  await produce(bakery, { batchCode: 'BAK-B2', producedAt: at(5), inputs: [{ lotCode: 'DOUGH-1', quantity: kg(450) }], outputs: [{ lotCode: 'COOKIE-1', productSku: 'COOKIE', productName: 'Oat cookies', quantity: kg(400) }] });
  await ship(bakery, { shipmentId: 'SB-1', customerId: 'GROCER', shippedAt: at(6), lines: [{ lotCode: 'COOKIE-1', quantity: kg(100) }] });
  await ship(bakery, { shipmentId: 'SB-2', customerId: 'CAFE', shippedAt: at(6), lines: [{ lotCode: 'COOKIE-1', quantity: kg(50) }] });

  // The grocer.
  await supplier(grocer, 'BAKERY', 'Sunrise Bakery');
  await customer(grocer, 'STORE-9', 'Store 9');
  await receive(grocer, { lotCode: 'CK-IN-1', productSku: 'COOKIE', productName: 'Oat cookies', supplierId: 'BAKERY', supplierLotCode: 'COOKIE-1', quantity: kg(100), receivedAt: at(7) });
}

/**
 * Keys and links as each company's admin makes them (README's walkthrough does the same by
 * hand): each issues its partners theirs (customers' keys share lineage), and records its
 * partners' lotgraphs with the keys they issued. `grocerUrl` lets a test put something between
 * the bakery and the grocer. Returns the keys issued.
 */
export async function linkChain(mill: Client, bakery: Client, grocer: Client, options: { grocerUrl?: string } = {}) {
  const run = async (c: Client, query: string, variables: Record<string, unknown>) => ok(await c.gql(query, variables));
  const key = async (c: Client, input: Record<string, unknown>) =>
    (await run(c, 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { role: 'VIEWER', ...input } })).createApiKey.secret as string;
  const link = (c: Client, input: Record<string, unknown>) => run(c, 'mutation($i: LinkPartnerInput!) { linkPartner(input: $i) { id partnerName } }', { i: input });

  // Keys: each company issues its partners theirs; customers' keys share lineage.
  const keys = {
    millForBakery: await key(mill, { name: 'Sunrise Bakery lotgraph', customerId: 'BAKERY', sharesLineage: true }),
    bakeryForMill: await key(bakery, { name: 'Prairie Mill lotgraph', supplierId: 'MILL' }),
    bakeryForGrocer: await key(bakery, { name: 'Fresh Grocer lotgraph', customerId: 'GROCER', sharesLineage: true }),
    grocerForBakery: await key(grocer, { name: 'Sunrise Bakery lotgraph', supplierId: 'BAKERY' }),
  };
  // Links: each admin records its partners' lotgraphs and the keys they issued.
  await link(bakery, { supplierId: 'MILL', baseUrl: mill.base, key: keys.millForBakery });
  await link(bakery, { customerId: 'GROCER', baseUrl: options.grocerUrl ?? grocer.base, key: keys.grocerForBakery });
  await link(mill, { customerId: 'BAKERY', baseUrl: bakery.base, key: keys.bakeryForMill });
  await link(grocer, { supplierId: 'BAKERY', baseUrl: bakery.base, key: keys.bakeryForGrocer });
  return keys;
}

/** recordChain, then linkChain. */
export async function buildChain(mill: Client, bakery: Client, grocer: Client, options: { grocerUrl?: string } = {}) {
  await recordChain(mill, bakery, grocer);
  return linkChain(mill, bakery, grocer, options);
}
