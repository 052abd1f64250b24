import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from './__generated__/resolvers-types.js';
import { authResolvers } from './auth/auth.resolvers.js';
import { guardRootFields } from './auth/guard.js';
import { fsmaResolvers } from './fsma/fsma.resolvers.js';
import { gs1Resolvers } from './gs1/gs1.resolvers.js';
import { healthResolvers } from './health/health.resolvers.js';
import { holdResolvers } from './hold/hold.resolvers.js';
import { inventoryResolvers } from './inventory/inventory.resolvers.js';
import { correctionResolvers } from './correction/correction.resolvers.js';
import { epcisResolvers } from './epcis/epcis.resolvers.js';
import { lotResolvers } from './lot/lot.resolvers.js';
import { partyResolvers } from './party/party.resolvers.js';
import { productionResolvers } from './production/production.resolvers.js';
import { partnerResolvers } from './partner/partner.resolvers.js';
import { recallResolvers } from './recall/recall.resolvers.js';
import { DateTimeScalar } from './scalars.js';
import { shippingResolvers } from './shipping/shipping.resolvers.js';
import { spreadsheetResolvers } from './spreadsheet/spreadsheet.resolvers.js';
import { traceResolvers } from './trace/trace.resolvers.js';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema');

/** The SDL of schema/*.graphql: the source of truth for the API. */
export const typeDefs = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));

const featureResolvers: Resolvers[] = [
  healthResolvers,
  lotResolvers,
  productionResolvers,
  partyResolvers,
  shippingResolvers,
  traceResolvers,
  holdResolvers,
  inventoryResolvers,
  correctionResolvers,
  epcisResolvers,
  recallResolvers,
  partnerResolvers,
  fsmaResolvers,
  authResolvers,
  spreadsheetResolvers,
  gs1Resolvers,
];

/** The executable schema, each root field guarded (argument checks, and an audit for mutations). */
export function buildSchema(): GraphQLSchema {
  return guardRootFields(makeExecutableSchema({
    typeDefs,
    resolvers: [{ DateTime: DateTimeScalar }, ...featureResolvers] as Parameters<typeof makeExecutableSchema>[0]['resolvers'],
    inheritResolversFromInterfaces: true,
  }));
}
