/**
 * What every page shares: the header with the navigation and who is logged in, and the log-in
 * form. A page calls `start()` and gets the key's `me` once the user has logged in.
 */
import { ApiError, forgetKey, type Me, storedKey, storeKey, whoAmI } from './api.js';
import { $, clear, h } from './dom.js';
import './style.css';

const PAGES = [
  { path: '/trace', label: 'Trace explorer' },
  { path: '/recalls', label: 'Recall board' },
  { path: '/import', label: 'Import' },
  { path: '/graphiql', label: 'GraphiQL' },
];

function header(me: Me | null) {
  const here = location.pathname;
  return h(
    'header',
    { class: 'shell' },
    h('a', { class: 'brand', href: '/trace' }, 'lotgraph'),
    h('nav', { 'aria-label': 'Pages' }, h('ul', {}, PAGES.map((p) => h('li', {}, h('a', { href: p.path, 'aria-current': p.path === here ? 'page' : null }, p.label))))),
    me
      ? h(
          'div',
          { class: 'who' },
          h('span', { 'data-testid': 'who' }, `${me.name} · ${me.role.toLowerCase()}${me.customerId ? ` of customer ${me.customerId}` : ''}${me.supplierId ? ` of supplier ${me.supplierId}` : ''}`),
          h('button', { type: 'button', class: 'link', onclick: () => { forgetKey(); location.reload(); } }, 'Log out'),
        )
      : null,
  );
}

function loginForm(problem: string | null): Promise<Me> {
  return new Promise((resolve) => {
    const input = h('input', { id: 'api-key', name: 'key', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'key-help' });
    const error = h('p', { class: 'error', role: 'alert' }, problem ?? '');
    const form = h(
      'form',
      { class: 'login', 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title' }, 'Log in to lotgraph'),
      h('label', { for: 'api-key' }, 'API key'),
      input,
      h('p', { id: 'key-help', class: 'help' }, 'An API key (lg_...) from your administrator. It is kept in this browser tab only, until you close it.'),
      error,
      h('button', { type: 'submit' }, 'Log in'),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      storeKey(input.value);
      try {
        resolve(await whoAmI());
      } catch (err) {
        forgetKey();
        error.textContent = err instanceof ApiError && err.status === 401 ? 'That key is not valid (or it was revoked).' : `The service did not answer: ${(err as Error).message}`;
        input.focus();
      }
    });
    clear($('#app'), form);
    input.focus();
  });
}

/**
 * Draws the header and, unless this tab already holds a working key, asks for one. A page that
 * is for the company's own keys (`partners: false`) tells a partner key where to go instead, and
 * goes no further (the fields it asks for are not a partner's).
 */
export async function start({ partners = true } = {}): Promise<Me> {
  const shell = $('#shell');
  clear(shell, header(null));
  let me: Me | null = null;
  let problem: string | null = null;
  if (storedKey()) {
    try {
      me = await whoAmI();
    } catch (err) {
      forgetKey();
      problem = err instanceof ApiError && err.status === 401 ? 'The key this tab held no longer works: log in again.' : `The service did not answer: ${(err as Error).message}`;
    }
  }
  if (!me) me = await loginForm(problem);
  clear(shell, header(me));
  clear($('#app'));
  if (!partners && (me.customerId || me.supplierId)) {
    clear(
      $('#app'),
      h('h1', {}, 'This page is for our own keys'),
      h('p', {}, 'A partner key sees its own records, cut to what FSMA 204 lets it see, through the API: try them in ', h('a', { href: '/graphiql' }, 'GraphiQL'), '.'),
    );
    return new Promise<Me>(() => {});
  }
  return me;
}

/** A message in the page's live region: read out by screen readers, shown to everyone. */
export function say(text: string, kind: 'info' | 'error' = 'info') {
  let region = document.getElementById('status');
  if (!region) {
    region = h('div', { id: 'status', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  region.className = kind;
  region.textContent = text;
}
