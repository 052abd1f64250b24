import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { ImportMappingMapper, SpreadsheetImportMapper } from './spreadsheet.mappers.js';

const q = {
  recordImport: cypher('spreadsheet/recordImport'),
  spreadsheetImports: cypher('spreadsheet/spreadsheetImports'),
  saveMapping: cypher('spreadsheet/saveMapping'),
  mappings: cypher('spreadsheet/mappings'),
  partiesByName: cypher('spreadsheet/partiesByName'),
};

/** Every supplier or every customer, with id and name, for matching a sheet's names. */
export const partiesByName = (db: Runner, kind: 'supplier' | 'customer') => db.run<{ id: string; name: string }>(q.partiesByName, { kind });

export interface ImportEntry {
  id: string;
  kind: string;
  fileName: string | null;
  at: string;
  byKeyId: string | null;
  by: string | null;
  rows: number;
  written: number;
  skipped: number;
  problems: number;
  outcome: string;
  mappingName: string | null;
}

export const recordImport = (db: Runner, entry: ImportEntry) => db.run(q.recordImport, { entry });

export const spreadsheetImports = async (db: Runner, first: number) =>
  (await db.run<{ entry: SpreadsheetImportMapper }>(q.spreadsheetImports, { first: BigInt(first) })).map((r) => r.entry);

export const saveMapping = async (db: Runner, mapping: { name: string; kind: string; columns: string }) =>
  (await db.run<{ mapping: ImportMappingMapper }>(q.saveMapping, { mapping }))[0].mapping;

export const mappings = async (db: Runner, kind: string | null, name: string | null = null) =>
  (await db.run<{ mapping: ImportMappingMapper }>(q.mappings, { kind, name })).map((r) => r.mapping);
