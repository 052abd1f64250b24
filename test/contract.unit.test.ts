import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema as buildSdl, findBreakingChanges, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema.js';

// The stable core that partners code against: ../shared/design/core-contract.graphql beside the repo.
const contractPath = path.resolve(import.meta.dirname, '../../shared/design/core-contract.graphql');

describe.runIf(existsSync(contractPath))('the public schema', () => {
  const contract = buildSdl(readFileSync(contractPath, 'utf8'));
  const ours = buildSchema();

  it('keeps every type, field, argument and enum value of the core contract, with its nullability', () => {
    expect(findBreakingChanges(contract, ours).map((c) => `${c.type}: ${c.description}`)).toEqual([]);
  });

  it('has every contract field under the same name and type (nothing loosened either)', () => {
    for (const type of Object.values(contract.getTypeMap())) {
      if (type.name.startsWith('__') || !(type instanceof GraphQLObjectType)) continue;
      const mine = ours.getType(type.name) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        expect(String(mine.getFields()[field.name]?.type), `${type.name}.${field.name}`).toBe(String(field.type));
      }
    }
  });
});
