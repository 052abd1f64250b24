/**
 * Every Cypher statement lives in cypher/<feature>/<name>.cypher, one statement a file. They
 * are read once at start-up; a name that has no file stops start-up rather than a request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cypher');

function readAll(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of readAll(path.join(dir, entry.name), name)) out.set(k, v);
    else if (entry.name.endsWith('.cypher')) out.set(name.slice(0, -'.cypher'.length), readFileSync(path.join(dir, entry.name), 'utf8'));
  }
  return out;
}

const statements = readAll(CYPHER_DIR);
const used = new Set<string>();

/** The text of cypher/<name>.cypher; throws at module load time (start-up) when it is missing. */
export function cypher(name: string): CypherStatement {
  const text = statements.get(name);
  if (text === undefined) throw new Error(`cypher/${name}.cypher does not exist; every statement must have its file.`);
  used.add(name);
  return { name, text };
}

export interface CypherStatement {
  name: string;
  text: string;
}

/** Cypher's clauses that write (data or schema); the house style writes keywords in capitals. */
const WRITE_CLAUSE = /\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH)\b/;

/**
 * Whether a statement writes: what decides the session's access mode, so that in a cluster
 * reads go to secondaries and writes to the leader. Comments and string literals do not count;
 * an EXPLAIN writes nothing. A test checks the answer against Neo4j's own query type for every
 * statement in cypher/.
 */
export function writes(text: string): boolean {
  const code = text.replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  if (/^\s*EXPLAIN\b/i.test(code)) return false;
  return WRITE_CLAUSE.test(code);
}

/** Every statement file, by name: for the test that EXPLAINs each one and checks each is used. */
export const allStatements = (): ReadonlyMap<string, string> => statements;
export const usedStatements = (): ReadonlySet<string> => used;

/**
 * Splits a file that holds several statements separated by lines of `;` (only the schema
 * file does: constraints are one statement each, applied in order).
 */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
    .filter(Boolean);
}

/**
 * Fills the `{{name}}` slots of a statement: only for what Cypher cannot take as a parameter
 * (var-length bounds). Values must be non-negative integers or empty, so nothing else can be
 * spliced into a statement.
 */
export function render(statement: CypherStatement, slots: Record<string, number | null>): CypherStatement {
  const text = statement.text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in slots)) throw new Error(`cypher/${statement.name}.cypher needs a value for {{${name}}}.`);
    const value = slots[name];
    if (value === null) return '';
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`{{${name}}} must be a non-negative integer; got ${value}.`);
    return String(value);
  });
  return { name: statement.name, text };
}
