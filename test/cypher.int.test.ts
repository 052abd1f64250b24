import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allStatements, render, splitStatements, usedStatements, writes } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import type { Db } from '../src/db/driver.js';
import { buildSchema } from '../src/schema.js';
import { applySchema } from '../src/db/schema.js';
// Modules that run statements outside the GraphQL schema.
import '../src/bulk/bulk.service.js';
import '../src/db/export.js';
import '../src/spreadsheet/spreadsheet.service.js';
import { procedureInstalled } from '../src/trace/trace.repository.js';
import { withAuditRecord } from '../src/auth/auth.repository.js';
import { connect } from './helpers.js';

let db: Db;

beforeAll(() => {
  db = connect();
  // Building the schema imports every resolver, service and repository: every statement they use.
  buildSchema();
});
afterAll(() => db.close());

describe('cypher/', () => {
  const names = [...allStatements().keys()].sort();
  const queries = names.filter((n) => n !== '_schema/constraints');

  it.each(queries)('%s compiles on Neo4j (EXPLAIN)', async (name) => {
    // The procedure's call compiles only where the procedure is installed (NEO4J_URI may name a Neo4j without it).
    if (name === 'trace/traceProcedure' && !(await procedureInstalled(db))) return;
    const text = allStatements().get(name)!;
    const slots = [...text.matchAll(/\{\{(\w+)\}\}/g)].map(([, slot]) => slot);
    // A statement with var-length bounds is explained bounded and unbounded.
    const variants = slots.length === 0 ? [{}] : [Object.fromEntries(slots.map((s) => [s, 4])), Object.fromEntries(slots.map((s) => [s, null]))];
    for (const values of variants) {
      await db.read((tx) => tx.run({ name, text: `EXPLAIN ${render({ name, text }, values).text}` }, {}));
    }
  });

  it.each(queries)('%s compiles with an audit record in front of it, as a mutation\'s first statement carries it', async (name) => {
    if (name === 'trace/traceProcedure' && !(await procedureInstalled(db))) return;
    const text = allStatements().get(name)!;
    // SHOW commands (the procedure probe) stand alone in Cypher, and no mutation runs one.
    if (/^SHOW /m.test(text)) return;
    const slots = Object.fromEntries([...text.matchAll(/\{\{(\w+)\}\}/g)].map(([, slot]) => [slot, 4]));
    const carried = withAuditRecord(render({ name, text }, slots));
    expect(carried.text).toContain('CREATE (a:AuditRecord)');
    await db.read((tx) => tx.run({ name, text: `EXPLAIN ${carried.text}` }, {}));
  });

  it.each(queries)('%s is sent in the access mode that Neo4j\'s own query type asks for', async (name) => {
    if (name === 'trace/traceProcedure' && !(await procedureInstalled(db))) return;
    const text = allStatements().get(name)!;
    const slots = Object.fromEntries([...text.matchAll(/\{\{(\w+)\}\}/g)].map(([, slot]) => [slot, 4]));
    const driver = createDriver(inject('neo4j'));
    try {
      const { summary } = await driver.executeQuery(`EXPLAIN ${render({ name, text }, slots).text}`);
      // 'r': reads only (a read session, a cluster's secondaries); 'rw', 'w', 's': a write session (the leader).
      expect(writes(text), `queryType ${summary.queryType}`).toBe(summary.queryType !== 'r');
    } finally {
      await driver.close();
    }
  });

  it('refuses a writing statement in a read session, and (in the tests) a write transaction that only reads', async () => {
    const write = { name: 'test/write', text: "MERGE (:AccessModeProbe {id: 'x'})" };
    await expect(db.run(write)).rejects.toThrow(/read session/);
    await expect(db.read((tx) => tx.run(write))).rejects.toThrow(/read session/);
    await expect(db.write((tx) => tx.run({ name: 'test/read', text: 'RETURN 1 AS one' }))).rejects.toThrow(/only reads/);
    expect(await db.run({ name: 'test/explain', text: `EXPLAIN ${write.text}` })).toEqual([]);
    expect(writes("MATCH (l:Lot) WHERE l.note = 'SET aside' // CREATE later\nRETURN l")).toBe(false);
  });

  it('commits a writeAlone statement in Neo4j as it ends, before this process has seen its answer; and refuses a second statement', async () => {
    const id = `alone-${Date.now()}-${Math.random()}`;
    const create = { name: 'test/createAlone', text: 'CREATE (p:AccessModeProbe {id: $id}) RETURN p.id AS id' };
    const seen = { name: 'test/seenAlone', text: 'MATCH (p:AccessModeProbe {id: $id}) RETURN count(p) AS n' };
    // Another session sees it while the work that ran it has not returned: no COMMIT is waited for.
    const inside = await db.writeAlone(async (tx) => {
      await tx.run(create, { id });
      return (await db.run<{ n: bigint }>(seen, { id }))[0]!.n;
    });
    expect(inside).toBe(1n);
    // In a managed transaction the same is not visible until the work returns and COMMIT is sent.
    const id2 = `${id}-managed`;
    const managed = await db.write(async (tx) => {
      await tx.run(create, { id: id2 });
      return (await db.run<{ n: bigint }>(seen, { id: id2 }))[0]!.n;
    });
    expect(managed).toBe(0n);
    await expect(db.writeAlone(async (tx) => {
      await tx.run(create, { id: `${id}-a` });
      await tx.run(create, { id: `${id}-b` });
    })).rejects.toThrow(/second statement/);
    expect((await db.run<{ n: bigint }>(seen, { id: `${id}-b` }))[0]!.n).toBe(0n);
  });

  it('_schema/constraints applies again without error (every statement is idempotent)', async () => {
    expect(splitStatements(allStatements().get('_schema/constraints')!).length).toBeGreaterThan(5);
    await applySchema(db);
    await applySchema(db);
  });

  it('has no statement that the code does not use', () => {
    expect(names.filter((n) => !usedStatements().has(n))).toEqual([]);
  });

  it('opens every file with a header that names the statement', () => {
    for (const [name, text] of allStatements()) {
      expect(text.startsWith(`// ${name.split('/').at(-1)}:`), `cypher/${name}.cypher`).toBe(true);
    }
  });
});
