import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema as buildSdl, findBreakingChanges, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema.js';

// The stable core that partners code against: ../shared/design/core-contract.graphql beside the repo.
const contractPath = path.resolve(import.meta.dirname, '../../shared/design/core-contract.graphql');

// Read when a test runs, not when the file is collected: vitest collects a skipped describe's body too,
// and a clone away from ../shared must skip here rather than fail to load the file.
describe.runIf(existsSync(contractPath))('the public schema', () => {
  let contract: GraphQLSchema;
  let ours: GraphQLSchema;
  beforeAll(() => {
    contract = buildSdl(readFileSync(contractPath, 'utf8'));
    ours = buildSchema();
  });

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
