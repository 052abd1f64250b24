// npm run build:web: the pages' TypeScript, bundled by esbuild into web/dist/ (git-ignored), which
// the service serves: assets under /assets/ with content hashes in their names (cached for a
// year), and one HTML page per screen (never cached) that names them. Nothing is loaded from
// another address: the fonts GraphiQL uses are inside its CSS.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'dist');
const PAGES = { graphiql: 'src/graphiql.tsx', trace: 'src/trace.ts', recalls: 'src/recalls.ts', import: 'src/import.ts' };

/**
 * Writes a file whole or not at all (a temporary file renamed over it), and not at all when it
 * holds these bytes already: a service (or a test) serving web/dist while it is rebuilt never
 * reads a half-written file, and a rebuild of unchanged sources changes nothing.
 */
function put(file, contents) {
  const bytes = Buffer.from(contents);
  if (existsSync(file) && readFileSync(file).equals(bytes)) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

const started = performance.now();
mkdirSync(path.join(out, 'assets'), { recursive: true });
const result = await build({
  absWorkingDir: here,
  entryPoints: Object.fromEntries(Object.entries(PAGES).map(([name, file]) => [name, file])),
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: ['chrome115', 'firefox115', 'safari16'],
  outdir: path.join(out, 'assets'),
  entryNames: '[name]-[hash]',
  chunkNames: 'shared-[hash]',
  assetNames: '[name]-[hash]',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  write: false,
  logLevel: 'warning',
});
for (const file of result.outputFiles) put(file.path, file.contents);

// Each page's own script and stylesheet, by the entry point they came from.
const outputs = Object.entries(result.metafile.outputs);
for (const [name, file] of Object.entries(PAGES)) {
  const [js, meta] = outputs.find(([, o]) => o.entryPoint === file) ?? [];
  if (!js) throw new Error(`esbuild wrote nothing for ${file}`);
  const asset = (p) => `/assets/${path.basename(p)}`;
  const tags = [
    ...(meta.cssBundle ? [`<link rel="stylesheet" href="${asset(meta.cssBundle)}">`] : []),
    `<script type="module" src="${asset(js)}"></script>`,
  ].join('\n    ');
  const template = readFileSync(path.join(here, 'pages', `${name}.html`), 'utf8');
  if (!template.includes('<!-- assets -->')) throw new Error(`pages/${name}.html has no <!-- assets --> marker`);
  put(path.join(out, `${name}.html`), template.replace('<!-- assets -->', tags));
}
// Assets no page names any more (a changed source has a new hash), once the pages name the new ones.
const current = new Set(result.outputFiles.map((f) => path.basename(f.path)));
for (const f of readdirSync(path.join(out, 'assets'))) if (!current.has(f)) rmSync(path.join(out, 'assets', f), { force: true });
const bytes = readdirSync(path.join(out, 'assets')).filter((f) => !f.endsWith('.map')).reduce((n, f) => n + readFileSync(path.join(out, 'assets', f)).length, 0);
console.info(`web/dist: ${Object.keys(PAGES).length} pages, ${(bytes / 1024).toFixed(0)} KB of assets, in ${Math.round(performance.now() - started)} ms`);
