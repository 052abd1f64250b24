// A small offline explorer: no CDN, no build. Introspection works from any GraphQL client too.
const examples = {
  'Which batch did the cookies come from?': `query {\n  lot(code: "COOKIE-0302-A") {\n    productName\n    producedBy { code producedAt }\n  }\n}`,
  'What went into that batch?': `query {\n  traceBackward(lotCode: "COOKIE-0302-A") {\n    lots { depth lot { code productName supplierLotCode supplier { name } } }\n  }\n}`,
  'Who else received product from it?': `query {\n  traceForward(batchCode: "B-COOKIE-0302") {\n    customers { id name location }\n    shipmentLines { shipment { id shippedAt } lot { code } quantity { amount unit } }\n  }\n}`,
  'Health': `query { health { status neo4j version } }`,
};
const $ = (id) => document.getElementById(id);
// The key stays in this tab only (sessionStorage), never in the page's address.
$('key').value = sessionStorage.getItem('lotgraph-key') ?? '';
$('key').onchange = () => sessionStorage.setItem('lotgraph-key', $('key').value.trim());
for (const name of Object.keys(examples)) $('examples').add(new Option(name, name));
$('examples').onchange = () => { $('query').value = examples[$('examples').value]; };
$('query').value = examples[Object.keys(examples)[0]];
async function run() {
  $('status').textContent = 'running...';
  let variables;
  try { variables = JSON.parse($('variables').value || '{}'); } catch { $('status').textContent = 'variables are not JSON'; return; }
  const started = performance.now();
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...($('key').value.trim() ? { authorization: `Bearer ${$('key').value.trim()}` } : {}) }, body: JSON.stringify({ query: $('query').value, variables }) });
  $('result').textContent = JSON.stringify(await res.json(), null, 2);
  $('status').textContent = `HTTP ${res.status} in ${Math.round(performance.now() - started)} ms`;
}
$('run').onclick = run;
document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
