// `npm run build`, second step: the files under src/ that tsc does not emit (the export worker)
// go beside the compiled JavaScript, where the code finds them by
// import.meta.url exactly as it does under src/.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const ASSET = /\.(html|js|mjs|css|json)$/;
let copied = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(from);
    else if (ASSET.test(entry.name)) {
      cpSync(from, path.join('dist', path.relative('src', from)));
      copied += 1;
    }
  }
}
walk('src');


console.info(`dist/: compiled, and ${copied} asset files copied from src/`);
