/**
 * Import spreadsheets (/import): a receiving log, a batch sheet, a shipping export or master data,
 * as CSV or XLSX, sent to POST /import/{kind} as a form. Check first (a dry run: every problem
 * with its row and column, and what each record would do), then import; the blank templates, and
 * the last imports. Checking and importing are for recorder keys and up; any key gets templates.
 */
import { apiFetch, can, gql, type Me } from './api.js';
import { $, clear, download, h, when } from './dom.js';
import { QUERIES } from './queries.js';
import { say, start } from './shell.js';

interface Report {
  kind: string;
  headerRow: number | null;
  rows: number;
  ignoredColumns: string[];
  problems: { row: number | null; column: string | null; message: string }[];
  preview: { rows: number[]; record: string; key: string; outcome: string }[];
  written: number;
  skipped: number;
  dryRun: boolean;
}

const KINDS: [string, string][] = [
  ['receipts', 'Receipts (a receiving log)'],
  ['production', 'Production (a batch sheet)'],
  ['shipments', 'Shipments (a shipping export)'],
  ['suppliers', 'Suppliers'],
  ['customers', 'Customers'],
  ['locations', 'Locations'],
  ['products', 'Products'],
];

const me: Me = await start({ partners: false });
const mayImport = can(me, 'route:spreadsheetImport');

const kind = h('select', { id: 'kind', name: 'kind' }, KINDS.map(([value, label]) => h('option', { value }, label)));
const file = h('input', { id: 'file', name: 'file', type: 'file', accept: '.csv,.xlsx,.txt', required: true });
const dateFormat = h('select', { id: 'date-format', name: 'dateFormat' }, h('option', { value: '' }, 'ISO or Excel dates only'), h('option', { value: 'mdy' }, 'month/day/year (US)'), h('option', { value: 'dmy' }, 'day/month/year'));
const decimalComma = h('input', { id: 'decimal-comma', name: 'decimalComma', type: 'checkbox' });
const createMissing = h('input', { id: 'create-missing', name: 'createMissing', type: 'checkbox' });
const mapping = h('select', { id: 'mapping', name: 'mappingName' }, h('option', { value: '' }, 'none: headers by name and synonyms'));
const result = h('section', { id: 'result', 'aria-live': 'polite', 'aria-label': 'Result' });
const history = h('section', { id: 'history', 'aria-label': 'Recent imports' });

const form = h(
  'form',
  { class: 'finder', 'aria-label': 'Spreadsheet' },
  h(
    'fieldset',
    {},
    h('legend', {}, 'The spreadsheet'),
    h('label', { for: 'kind' }, 'What it holds'),
    kind,
    h('label', { for: 'file' }, 'File (CSV or XLSX)'),
    file,
    h('label', { for: 'mapping' }, 'Saved column mapping'),
    mapping,
  ),
  h(
    'fieldset',
    {},
    h('legend', {}, 'How to read it'),
    h('label', { for: 'date-format' }, 'Dates with slashes are'),
    dateFormat,
    h('div', { class: 'row' }, decimalComma, h('label', { for: 'decimal-comma' }, 'Decimal comma (12,5)')),
    h('div', { class: 'row' }, createMissing, h('label', { for: 'create-missing' }, 'Create suppliers or customers it names that are not known yet')),
    mayImport
      ? h(
          'div',
          { class: 'row' },
          h('button', { type: 'submit', name: 'dryRun', value: 'true' }, 'Check (dry run)'),
          h('button', { type: 'submit', name: 'dryRun', value: 'false', class: 'danger' }, 'Import'),
        )
      : h('p', { class: 'help' }, 'This key may download templates; checking and importing need a recorder key.'),
  ),
  h(
    'fieldset',
    {},
    h('legend', {}, 'Blank templates'),
    h('p', { class: 'help' }, 'The columns, a note on each, an example row and drop-down lists.'),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'secondary', onclick: () => void template('xlsx') }, 'Template (XLSX)'),
      h('button', { type: 'button', class: 'secondary', onclick: () => void template('csv') }, 'Template (CSV)'),
    ),
  ),
);
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const button = (e as SubmitEvent).submitter as HTMLButtonElement | null;
  void send(button?.value !== 'false');
});
kind.addEventListener('change', () => void loadMappings());
clear($('#app'), h('h1', {}, 'Import spreadsheets'), form, result, history);

async function loadMappings() {
  const { importMappings } = await gql<{ importMappings: { name: string }[] }>(QUERIES.importMappings, { kind: kind.value });
  clear(mapping, h('option', { value: '' }, 'none: headers by name and synonyms'), importMappings.map((m) => h('option', { value: m.name }, m.name)));
}

async function template(ext: 'xlsx' | 'csv') {
  const res = await apiFetch(`/import/templates/${kind.value}.${ext}`);
  if (!res.ok) return say(`The template did not come: HTTP ${res.status}.`, 'error');
  download(`lotgraph-${kind.value}.${ext}`, res.headers.get('content-type') ?? 'application/octet-stream', await res.arrayBuffer());
}

async function send(dryRun: boolean) {
  const chosen = file.files?.[0];
  if (!chosen) return say('Choose a file first.', 'error');
  const body = new FormData();
  body.append('dryRun', String(dryRun));
  if (dateFormat.value) body.append('dateFormat', dateFormat.value);
  if (decimalComma.checked) body.append('decimalComma', 'true');
  if (createMissing.checked) body.append('createMissing', 'true');
  if (mapping.value) body.append('mappingName', mapping.value);
  body.append('file', chosen, chosen.name);
  say(dryRun ? `Checking ${chosen.name}...` : `Importing ${chosen.name}...`);
  const res = await apiFetch(`/import/${kind.value}`, { method: 'POST', body });
  const answer = await res.json();
  if (res.status !== 200 && res.status !== 422) return say(answer.errors?.[0]?.message ?? `HTTP ${res.status}`, 'error');
  show(answer as Report, chosen.name);
  if (!dryRun) void loadHistory();
}

function show(r: Report, name: string) {
  const fresh = r.preview.filter((l) => l.outcome === 'new').length;
  const verdict =
    r.problems.length > 0
      ? `${name}: ${r.problems.length} problem(s); nothing was written.`
      : r.dryRun
        ? `${name}: ready. ${fresh} record(s) would be recorded, ${r.preview.length - fresh} already are. Nothing was written.`
        : `${name}: imported ${r.written} record(s) (${r.skipped} already recorded).`;
  say(verdict, r.problems.length ? 'error' : 'info');
  clear(
    result,
    h('h2', {}, r.dryRun ? 'Check' : 'Import'),
    h('p', { class: r.problems.length ? 'error' : '' }, verdict),
    r.headerRow ? h('p', { class: 'help' }, `Headers on row ${r.headerRow}; ${r.rows} data rows.${r.ignoredColumns.length ? ` Ignored columns: ${r.ignoredColumns.join(', ')}.` : ''}`) : null,
    r.problems.length
      ? h(
          'table',
          {},
          h('caption', {}, 'Problems'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Row'), h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Problem'))),
          h('tbody', {}, r.problems.slice(0, 500).map((p) => h('tr', {}, h('td', {}, p.row ?? 'file'), h('td', {}, p.column ?? ''), h('td', {}, p.message)))),
        )
      : null,
    r.preview.length
      ? h(
          'table',
          {},
          h('caption', {}, r.dryRun ? 'What importing would record' : 'What was recorded'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Rows'), h('th', { scope: 'col' }, 'Record'), h('th', { scope: 'col' }, 'Code'), h('th', { scope: 'col' }, 'Outcome'))),
          h('tbody', {}, r.preview.slice(0, 500).map((l) => h('tr', {}, h('td', {}, l.rows.join(', ')), h('td', {}, l.record), h('td', {}, l.key), h('td', {}, l.outcome)))),
        )
      : null,
    r.preview.length > 500 ? h('p', { class: 'help' }, `The first 500 of ${r.preview.length}.`) : null,
  );
}

async function loadHistory() {
  const { spreadsheetImports } = await gql<{ spreadsheetImports: { kind: string; fileName: string | null; at: string; by: string | null; rows: number; written: number; skipped: number; problems: number; outcome: string }[] }>(QUERIES.spreadsheetImports);
  clear(
    history,
    h('h2', {}, 'Recent imports'),
    spreadsheetImports.length === 0
      ? h('p', { class: 'empty' }, 'None yet.')
      : h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ['When', 'File', 'What', 'By', 'Rows', 'Written', 'Already there', 'Outcome'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, spreadsheetImports.map((i) => h('tr', {}, h('td', {}, when(i.at)), h('td', {}, i.fileName ?? ''), h('td', {}, i.kind), h('td', {}, i.by ?? 'command line'), h('td', {}, i.rows), h('td', {}, i.written), h('td', {}, i.skipped), h('td', {}, i.outcome === 'OK' ? 'OK' : `refused (${i.problems} problems)`)))),
        ),
  );
}

await Promise.all([loadMappings(), loadHistory()]);
