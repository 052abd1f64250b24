import neo4j from 'neo4j-driver';

/**
 * Turns what the driver returns into plain values: integers stay bigint (quantities need all
 * 64 bits), temporal values become ISO strings (UTC), nodes and maps become plain objects.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (neo4j.isInt(value)) return (value as { toBigInt(): bigint }).toBigInt();
  if (neo4j.isDateTime(value)) return (value as unknown as { toStandardDate(): Date }).toStandardDate().toISOString();
  if (neo4j.isDate(value) || neo4j.isLocalDateTime(value) || neo4j.isTime(value) || neo4j.isDuration(value)) {
    return String(value);
  }
  if (neo4j.isNode(value)) return toPlain((value as neo4j.Node).properties);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
  return out;
}

/**
 * Rows as one list per field, each field's values in row order (an absent value is null), for
 * statements that write many rows: the driver encodes a list of strings at a fraction of the cost
 * of a map per row, and Neo4j decodes it faster too (see cypher/bulk/createReceivedLots.cypher).
 */
export function columns<T extends object, K extends keyof T>(rows: readonly T[], fields: readonly K[]): Record<K, (T[K] | null)[]> {
  const out = {} as Record<K, (T[K] | null)[]>;
  for (const f of fields) out[f] = rows.map((r) => r[f] ?? null);
  return out;
}
