import { cypher, splitStatements } from './cypher.js';
import type { Db } from './driver.js';

const constraints = cypher('_schema/constraints');
const awaitIndexes = cypher('_schema/awaitIndexes');

/** Creates the uniqueness constraints and indexes; each statement is idempotent. */
export async function applySchema(db: Db): Promise<void> {
  for (const text of splitStatements(constraints.text)) {
    await db.write((tx) => tx.run({ name: constraints.name, text }));
  }
  await db.run(awaitIndexes);
}
