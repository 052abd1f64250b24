import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../schema.js';
import { mayCall, maySelect, OPERATIONS, PARTNER_FIELDS } from './policy.js';
import type { Principal } from './principal.js';

const schema = buildSchema();
const rootFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));

const key = (role: Principal['role'], scope: Principal['scope'] = null): Principal => ({ keyId: 'k', name: 'k', role, scope, bootstrap: false });

describe('the access policy', () => {
  it('has a rule for every Query and Mutation field of the schema, and none for a field that is gone', () => {
    expect(rootFields.filter((f) => !(f in OPERATIONS))).toEqual([]);
    expect(Object.keys(OPERATIONS).filter((f) => !rootFields.includes(f))).toEqual([]);
  });

  it('lets partners select only fields that exist', () => {
    for (const [kind, fields] of Object.entries(PARTNER_FIELDS)) {
      const missing = [...fields].filter((coordinate) => {
        const [type, field] = coordinate.split('.');
        const t = schema.getType(type!);
        return !t || !isObjectType(t) || !(field! in t.getFields());
      });
      expect(missing, kind).toEqual([]);
    }
  });

  it('gives each role what the roles before it have, and more', () => {
    const allowed = (role: Principal['role']) => rootFields.filter((f) => mayCall(key(role), f).allowed);
    const [viewer, recorder, quality, admin] = (['viewer', 'recorder', 'quality', 'admin'] as const).map(allowed);
    expect(viewer).not.toContain('Mutation.receiveLot');
    expect(recorder).toEqual(expect.arrayContaining([...viewer!, 'Mutation.receiveLot', 'Mutation.upsertProduct']));
    expect(recorder).not.toContain('Mutation.holdLots');
    expect(quality).toEqual(expect.arrayContaining([...recorder!, 'Mutation.initiateRecall', 'Query.fsmaExport']));
    expect(quality).not.toContain('Mutation.createApiKey');
    expect(admin).toEqual(rootFields);
    // Every read is a viewer's, and no viewer writes.
    expect(viewer!.filter((f) => f.startsWith('Mutation.'))).toEqual([]);
  });

  it('keeps partners to their own kind of question, whatever role their key has', () => {
    const customer = key('admin', { kind: 'customer', id: 'C' });
    const supplier = key('viewer', { kind: 'supplier', id: 'S' });
    expect(mayCall(customer, 'Query.shipment').allowed).toBe(true);
    expect(mayCall(customer, 'Mutation.createApiKey').allowed).toBe(false);
    expect(mayCall(customer, 'Query.fsmaRecords').allowed).toBe(false);
    expect(mayCall(supplier, 'Query.shipment').allowed).toBe(false);
    expect(mayCall(supplier, 'Query.lotsBySupplierLotCode').allowed).toBe(true);
    expect(maySelect(customer, 'Lot.producedBy')).toBe(false);
    expect(maySelect(customer, 'Lot.usage')).toBe(false);
    expect(maySelect(supplier, 'Lot.usage')).toBe(true);
    expect(maySelect(supplier, 'Lot.shipments')).toBe(false);
    expect(maySelect(key('viewer'), 'Lot.producedBy')).toBe(true);
  });
});
