/** Orders batch-query rows back into DataLoader key order: one value (or null) per key. */
export function oneEach<R, V>(keys: readonly string[], rows: readonly R[], keyOf: (r: R) => string, valueOf: (r: R) => V): (V | null)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), valueOf(r)]));
  return keys.map((k) => byKey.get(k) ?? null);
}

/** Groups batch-query rows by key, in row order: a list (maybe empty) per key. */
export function manyEach<R, V>(keys: readonly string[], rows: readonly R[], keyOf: (r: R) => string, valueOf: (r: R) => V): V[][] {
  const byKey = new Map<string, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = byKey.get(k);
    if (list) list.push(valueOf(r));
    else byKey.set(k, [valueOf(r)]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}

/** The values of a DataLoader loadMany: a failed load fails the caller rather than vanishing. */
export function loaded<T>(list: (T | null | Error)[]): T[] {
  const failure = list.find((x) => x instanceof Error);
  if (failure) throw failure;
  return list.filter((x): x is T => x !== null);
}
