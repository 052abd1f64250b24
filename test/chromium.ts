/** The Chromium the page tests and bench:pages drive: LOTGRAPH_CHROMIUM, else the first on the PATH. */
import { existsSync } from 'node:fs';
import path from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(): string | null {
  if (process.env.LOTGRAPH_CHROMIUM) return existsSync(process.env.LOTGRAPH_CHROMIUM) ? process.env.LOTGRAPH_CHROMIUM : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of NAMES) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

export function requireChromium(): string {
  const found = findChromium();
  if (!found) {
    throw new Error(`The page tests drive a real Chromium and found none (LOTGRAPH_CHROMIUM, or ${NAMES.join(', ')} on the PATH): install Debian's chromium (apt-get install chromium; .ci/run does), or set LOTGRAPH_CHROMIUM.`);
  }
  return found;
}
