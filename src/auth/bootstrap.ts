/**
 * How operators and scripts get in: LOTGRAPH_ADMIN_KEY when it is set. When it is not, the first
 * start makes a random admin key, prints it once and keeps it in a file that only its owner can
 * read (.lotgraph/admin-key, git-ignored), so that a newcomer's `npm run demo` just works.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { newSecret } from './keys.js';

export interface AdminKey {
  key: string;
  source: 'env' | 'file' | 'created';
}

export function bootstrapAdminKey(config: Pick<Config, 'adminKey' | 'adminKeyFile'>): AdminKey {
  if (config.adminKey) return { key: config.adminKey, source: 'env' };
  const file = config.adminKeyFile;
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key) return { key, source: 'file' };
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = newSecret();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, source: 'created' };
}

/** What the service says at start about the admin key (the secret itself only when it was just made). */
export function describeAdminKey(admin: AdminKey, file: string): string {
  const where = path.relative(process.cwd(), file) || file;
  switch (admin.source) {
    case 'env':
      return 'Admin key: LOTGRAPH_ADMIN_KEY.';
    case 'file':
      return `Admin key: in ${where} (send it as "Authorization: Bearer <key>").`;
    case 'created':
      return (
        `Created an admin key, shown this once: ${admin.key}\n` +
        `It is kept in ${where}, readable only by you. Send it as "Authorization: Bearer <key>", ` +
        'and make keys with less power for everything else: npm run keys -- create --name NAME --role viewer'
      );
  }
}
