/**
 * npm run demo:across: records README's "Across companies" supply chain (a mill, a bakery and a
 * grocer, each in its own lotgraph) through each company's API, so that the walkthrough's keys,
 * links, traces and recall have something to work on. The three lotgraphs must be running:
 * their addresses and admin keys come from MILL_URL, BAKERY_URL, GROCER_URL and MILL_KEY,
 * BAKERY_KEY, GROCER_KEY (defaults: the walkthrough's). With --link it also makes the keys and
 * links that the walkthrough makes by hand.
 */
import { client, linkChain, recordChain } from '../test/companies.js';

const env = (name: string, fallback: string) => process.env[name] || fallback;
const mill = client(env('MILL_URL', 'http://127.0.0.1:4001'), env('MILL_KEY', 'lg_mill-admin-key'));
const bakery = client(env('BAKERY_URL', 'http://127.0.0.1:4002'), env('BAKERY_KEY', 'lg_bakery-admin-key'));
const grocer = client(env('GROCER_URL', 'http://127.0.0.1:4003'), env('GROCER_KEY', 'lg_grocer-admin-key'));

try {
  await recordChain(mill, bakery, grocer);
  console.log('Recorded: the mill ships flour lot FLOUR-0301 to the bakery, which makes cookie lot COOKIE-1 of it and ships it to the grocer (CK-IN-1).');
  if (process.argv.includes('--link')) {
    await linkChain(mill, bakery, grocer);
    console.log('Linked: the bakery to the mill (its supplier) and the grocer (its customer); the mill to the bakery; the grocer to the bakery.');
  }
} catch (error) {
  console.error(`The walkthrough's records could not be made: ${(error as Error).message}`);
  console.error('Are the three lotgraphs running, each on an empty database? See README, "Across companies".');
  process.exit(1);
}
