import type { Resolvers } from '../__generated__/resolvers-types.js';
import { badInput } from '../errors.js';
import * as spreadsheetRepository from './spreadsheet.repository.js';
import { saveImportMapping } from './spreadsheet.service.js';

const MAX_PAGE = 500;

export const spreadsheetResolvers: Resolvers = {
  Query: {
    spreadsheetImports: async (_, { first }, { db }) => {
      const size = first ?? 50;
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}; got ${size}.`, 'first');
      return spreadsheetRepository.spreadsheetImports(db, size);
    },
    importMappings: (_, { kind }, { db }) => spreadsheetRepository.mappings(db, kind ?? null),
  },
  Mutation: {
    saveImportMapping: (_, { input }, { db }) => {
      const columns = Object.fromEntries(input.columns.map((c) => [c.header.trim(), c.field]));
      if (Object.keys(columns).length !== input.columns.length) throw badInput('Each header is named once.', 'columns');
      return saveImportMapping(db, { name: input.name, kind: input.kind, columns });
    },
  },
  SpreadsheetImport: {
    rows: (i) => Number(i.rows),
    written: (i) => Number(i.written),
    skipped: (i) => Number(i.skipped),
    problems: (i) => Number(i.problems),
  },
  ImportMapping: {
    columns: (m) => Object.entries(JSON.parse(m.columns) as Record<string, string>).map(([header, field]) => ({ header, field })),
  },
};
