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
/** Each page: its script, its title, and what its <body> and <main> carry in the one shell (page.html). */
const PAGES = {
  trace: { entry: 'src/trace.ts', title: 'Trace explorer' },
  recalls: { entry: 'src/recalls.ts', title: 'Recall board' },
  import: { entry: 'src/import.ts', title: 'Import spreadsheets' },
  graphiql: { entry: 'src/graphiql.tsx', title: 'GraphiQL', body: ' class="full"', main: ' class="graphiql-host" aria-label="GraphiQL"' },
};

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
  entryPoints: Object.fromEntries(Object.entries(PAGES).map(([name, page]) => [name, page.entry])),
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
const shell = readFileSync(path.join(here, 'page.html'), 'utf8');
for (const [name, page] of Object.entries(PAGES)) {
  const [js, meta] = outputs.find(([, o]) => o.entryPoint === page.entry) ?? [];
  if (!js) throw new Error(`esbuild wrote nothing for ${page.entry}`);
  const asset = (p) => `/assets/${path.basename(p)}`;
  const tags = [
    ...(meta.cssBundle ? [`<link rel="stylesheet" href="${asset(meta.cssBundle)}">`] : []),
    `<script type="module" src="${asset(js)}"></script>`,
  ].join('\n    ');
  const html = shell
    .replace('{{title}}', page.title)
    .replace('{{bodyAttrs}}', page.body ?? '')
    .replace('{{mainAttrs}}', page.main ?? '')
    .replace('<!-- assets -->', tags);
  put(path.join(out, `${name}.html`), html);
}
// Assets no page names any more (a changed source has a new hash), once the pages name the new ones.
const current = new Set(result.outputFiles.map((f) => path.basename(f.path)));
for (const f of readdirSync(path.join(out, 'assets'))) if (!current.has(f)) rmSync(path.join(out, 'assets', f), { force: true });
const bytes = readdirSync(path.join(out, 'assets')).filter((f) => !f.endsWith('.map')).reduce((n, f) => n + readFileSync(path.join(out, 'assets', f)).length, 0);
console.info(`web/dist: ${Object.keys(PAGES).length} pages, ${(bytes / 1024).toFixed(0)} KB of assets, in ${Math.round(performance.now() - started)} ms`);
