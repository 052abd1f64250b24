// Fails when src/__generated__/resolvers-types.ts is not what `npm run codegen` makes of schema/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const committed = 'src/__generated__/resolvers-types.ts';
const dir = mkdtempSync(path.join(tmpdir(), 'lotgraph-codegen-'));
const fresh = path.join(dir, 'resolvers-types.ts');
try {
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], {
    env: { ...process.env, CODEGEN_OUT: fresh },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`${committed} is stale: run \`npm run codegen\` and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(`${committed} is current.`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
