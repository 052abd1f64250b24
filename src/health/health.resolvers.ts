import type { Resolvers } from '../__generated__/resolvers-types.js';
import { health } from './health.service.js';

export const healthResolvers: Resolvers = {
  Query: {
    health: (_, __, { db }) => health(db),
  },
};
