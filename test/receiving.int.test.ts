import { describe, expect, it } from 'vitest';
import { codeOf, cypherRows, snapshot, uid, withApi } from './helpers.js';
import { LOT, RECEIVE_LOT, UPSERT_CUSTOMER, UPSERT_SUPPLIER } from './fixtures/operations.js';
import { parties, receipt } from './fixtures/world.js';

const { db, api } = withApi();

describe('upsertSupplier and upsertCustomer', () => {
  it('creates a supplier, then updates its name and keeps its location when none is given', async () => {
    const id = `${uid('SUP')}1`;
    const created = await api.gql(UPSERT_SUPPLIER, { input: { id, name: 'Mill', location: 'Salina, KS' } });
    expect(created.data.upsertSupplier).toEqual({ id, name: 'Mill', location: 'Salina, KS' });
    const renamed = await api.gql(UPSERT_SUPPLIER, { input: { id, name: 'Northfield Mill' } });
    expect(renamed.data.upsertSupplier).toEqual({ id, name: 'Northfield Mill', location: 'Salina, KS' });
    const cleared = await api.gql(UPSERT_SUPPLIER, { input: { id, name: 'Northfield Mill', location: null } });
    expect(cleared.data.upsertSupplier.location).toBeNull();
    const rows = await cypherRows(db, 'MATCH (s:Supplier {id: $id}) RETURN count(s) AS n', { id });
    expect(rows[0].n).toBe(1n);
  });

  it('creates and updates a customer', async () => {
    const id = `${uid('CUST')}1`;
    await api.gql(UPSERT_CUSTOMER, { input: { id, name: 'Shop', location: 'Eugene' } });
    const result = await api.gql(`query($id: ID!) { customer(id: $id) { id name location } }`, { id });
    expect(result.data.customer).toEqual({ id, name: 'Shop', location: 'Eugene' });
  });

  it('refuses a blank name with BAD_USER_INPUT and writes nothing', async () => {
    const id = `${uid('SUP')}1`;
    const result = await api.gql(UPSERT_SUPPLIER, { input: { id, name: '  ' } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(await cypherRows(db, 'MATCH (s:Supplier {id: $id}) RETURN s', { id })).toHaveLength(0);
  });

  it('answers null for a supplier or customer that does not exist', async () => {
    const result = await api.gql(`{ supplier(id: "no-such") { id } customer(id: "no-such") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ supplier: null, customer: null });
  });
});

describe('receiveLot', () => {
  it('records the lot, its SUPPLIED edge and its full quantity on hand', async () => {
    const p = uid();
    const { supplierId } = await parties(api, p);
    const result = await api.gql(RECEIVE_LOT, { input: receipt(p, 'FLOUR', 25, 'kg') });
    expect(result.errors).toBeUndefined();
    expect(result.data.receiveLot).toEqual({
      code: `${p}FLOUR`,
      productSku: 'ING-FLOUR',
      productName: 'Wheat flour',
      status: 'AVAILABLE',
      supplierLotCode: 'SUPP-FLOUR',
      receivedAt: '2026-03-01T08:30:00.000Z',
      referenceDocument: 'BOL-1',
      quantity: { amount: 25, unit: 'kg' },
      onHand: { amount: 25, unit: 'kg' },
      supplier: { id: supplierId, name: 'Mill' },
    });
    const edges = await cypherRows(
      db,
      'MATCH (s:Supplier)-[r:SUPPLIED]->(l:Lot {code: $code}) RETURN s.id AS supplier, r.quantity AS q, r.unit AS unit',
      { code: `${p}FLOUR` },
    );
    expect(edges).toEqual([{ supplier: supplierId, q: 25, unit: 'kg' }]);
  });

  it('returns the recorded lot for a repeat of the very same input, and writes nothing', async () => {
    const p = uid();
    await parties(api, p);
    const input = receipt(p, 'FLOUR', 25, 'kg');
    const first = await api.gql(RECEIVE_LOT, { input });
    const before = await snapshot(db, p);
    const repeat = await api.gql(RECEIVE_LOT, { input });
    expect(repeat.errors).toBeUndefined();
    expect(repeat.data).toEqual(first.data);
    expect(await snapshot(db, p)).toBe(before);
  });

  it('treats the same instant written with another offset as the very same input', async () => {
    const p = uid();
    await parties(api, p);
    const input = receipt(p, 'FLOUR', 25, 'kg');
    await api.gql(RECEIVE_LOT, { input });
    const repeat = await api.gql(RECEIVE_LOT, { input: { ...input, receivedAt: '2026-03-01T09:30:00+01:00' } });
    expect(repeat.errors).toBeUndefined();
  });

  it('refuses a taken code with other content as ALREADY_EXISTS, and writes nothing', async () => {
    const p = uid();
    await parties(api, p);
    await api.gql(RECEIVE_LOT, { input: receipt(p, 'FLOUR', 25, 'kg') });
    const before = await snapshot(db, p);
    const result = await api.gql(RECEIVE_LOT, { input: receipt(p, 'FLOUR', 26, 'kg') });
    expect(codeOf(result)).toBe('ALREADY_EXISTS');
    expect(result.errors![0].message).toContain(`${p}FLOUR`);
    expect(await snapshot(db, p)).toBe(before);
  });

  it('refuses an unknown supplier with NOT_FOUND, and writes nothing', async () => {
    const p = uid();
    const result = await api.gql(RECEIVE_LOT, { input: receipt(p, 'FLOUR', 25, 'kg', `${p}NOBODY`) });
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(result.errors![0].message).toContain(`${p}NOBODY`);
    expect(await cypherRows(db, 'MATCH (l:Lot {code: $c}) RETURN l', { c: `${p}FLOUR` })).toHaveLength(0);
  });

  it.each([
    ['an unknown unit', { quantity: { amount: 1, unit: 'bushel' } }],
    ['a zero amount', { quantity: { amount: 0, unit: 'kg' } }],
    ['a negative amount', { quantity: { amount: -5, unit: 'kg' } }],
    ['an amount finer than a nanogram', { quantity: { amount: 1e-13, unit: 'kg' } }],
    ['a blank lot code', { lotCode: ' ' }],
    ['a date without an offset', { receivedAt: '2026-03-01T08:30:00' }],
    ['a date that is not a date', { receivedAt: 'last Tuesday' }],
    ['an impossible date', { receivedAt: '2026-02-30T08:00:00Z' }],
  ])('refuses %s with BAD_USER_INPUT, and writes nothing', async (_, change) => {
    const p = uid();
    await parties(api, p);
    const before = await snapshot(db, p);
    const result = await api.gql(RECEIVE_LOT, { input: { ...receipt(p, 'FLOUR', 25, 'kg'), ...change } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message.length).toBeGreaterThan(10);
    expect(await snapshot(db, p)).toBe(before);
  });

  it('refuses a non-ISO DateTime written inline in the query with BAD_USER_INPUT', async () => {
    const p = uid();
    await parties(api, p);
    const result = await api.gql(`mutation { receiveLot(input: {
      lotCode: "${p}X", productSku: "a", productName: "b", supplierId: "${p}SUP", supplierLotCode: "s",
      quantity: { amount: 1, unit: "kg" }, receivedAt: "01/03/2026" }) { code } }`);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(await cypherRows(db, 'MATCH (l:Lot {code: $c}) RETURN l', { c: `${p}X` })).toHaveLength(0);
  });

  it('lets two racing identical receipts record one lot, and both succeed', async () => {
    const p = uid();
    await parties(api, p);
    const input = receipt(p, 'FLOUR', 25, 'kg');
    const results = await Promise.all(Array.from({ length: 6 }, () => api.gql(RECEIVE_LOT, { input })));
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const rows = await cypherRows(db, 'MATCH (:Supplier)-[r:SUPPLIED]->(l:Lot {code: $c}) RETURN count(r) AS n', { c: `${p}FLOUR` });
    expect(rows[0].n).toBe(1n);
  });

  it('answers null for a lot that does not exist', async () => {
    const result = await api.gql(LOT, { code: 'no-such-lot' });
    expect(result.errors).toBeUndefined();
    expect(result.data.lot).toBeNull();
  });
});
