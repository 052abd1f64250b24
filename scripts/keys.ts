/**
 * npm run keys -- create --name NAME --role viewer|recorder|quality|admin [--customer ID [--shares-lineage] | --supplier ID]
 * npm run keys -- list [--all]
 * npm run keys -- revoke KEY_ID
 * Keys for lotgraph's API. A new key's secret is printed once; only its hash is stored. Each
 * action is audited as the command line's, like a mutation through the API.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { audited } from '../src/auth/audit.js';
import { createKey, listKeys, revokeKey } from '../src/auth/keys.service.js';
import type { Principal } from '../src/auth/principal.js';
import { connectFromEnv } from '../src/db/connect.js';
import { applySchema } from '../src/db/schema.js';
import { DomainError } from '../src/errors.js';

const USAGE = `usage:
  npm run keys -- create --name NAME --role viewer|recorder|quality|admin [--customer ID [--shares-lineage] | --supplier ID]
  npm run keys -- list [--all]
  npm run keys -- revoke KEY_ID`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    customer: { type: 'string' },
    supplier: { type: 'string' },
    'shares-lineage': { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
  },
});
const [command, id] = positionals;
if (!command || !['create', 'list', 'revoke'].includes(command) || (command === 'revoke' && !id)) {
  console.error(USAGE);
  process.exit(2);
}

const cli: Principal = { keyId: 'cli', name: `command line (${os.userInfo().username})`, role: 'admin', scope: null, bootstrap: true };
const log = { error: (obj: unknown, msg?: string) => console.error(msg ?? '', obj) };
const { db } = await connectFromEnv();
try {
  await applySchema(db);
  if (command === 'create') {
    const input = { name: values.name ?? '', role: values.role ?? '', customerId: values.customer, supplierId: values.supplier, sharesLineage: values['shares-lineage'] };
    const { key, secret } = await audited(db, cli, 'createApiKey', { input }, (d) => createKey(d, input), log);
    console.log(`Created ${key.id} (${key.name}, ${key.role}${key.customerId ? `, customer ${key.customerId}${key.sharesLineage ? ', shares lineage' : ''}` : ''}${key.supplierId ? `, supplier ${key.supplierId}` : ''}).`);
    console.log(`Secret, shown this once: ${secret}`);
  } else if (command === 'list') {
    const keys = await listKeys(db, values.all!);
    if (keys.length === 0) console.log('No keys.');
    for (const k of keys) {
      const scope = k.customerId ? `customer ${k.customerId}` : k.supplierId ? `supplier ${k.supplierId}` : '';
      console.log([k.id, k.hint, k.role, scope, k.name, `created ${k.createdAt}`, k.lastUsedAt ? `used ${k.lastUsedAt}` : 'never used', k.revokedAt ? `REVOKED ${k.revokedAt}` : ''].filter(Boolean).join('  '));
    }
  } else {
    const key = await audited(db, cli, 'revokeApiKey', { id }, (d) => revokeKey(d, id!), log);
    console.log(`Revoked ${key.id} (${key.name}) at ${key.revokedAt}. Running services stop taking it within seconds.`);
  }
} catch (error) {
  console.error(error instanceof DomainError ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
