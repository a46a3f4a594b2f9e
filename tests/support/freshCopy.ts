import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** What a fresh clone does not have: build output, installed binaries, local data, results. */
const NOT_IN_A_CLONE = new Set(['node_modules', 'out', 'dist', '.git', '.data', 'test-results', 'playwright-report', 'bench-results', 'coverage']);

/**
 * A copy of the project as a fresh clone plus `npm install` would leave it,
 * without paying for an install: sources are copied, and node_modules is a
 * folder of links to this checkout's packages, except `electron`, which is
 * copied without its binary (dist/, path.txt), exactly as Electron >= 42
 * installs. Whatever the copy fetches or builds stays inside it.
 */
export function freshCopy(prefix: string): { root: string; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const name of fs.readdirSync(PROJECT_ROOT)) {
    if (NOT_IN_A_CLONE.has(name)) continue;
    fs.cpSync(path.join(PROJECT_ROOT, name), path.join(root, name), { recursive: true });
  }
  const modules = path.join(PROJECT_ROOT, 'node_modules');
  fs.mkdirSync(path.join(root, 'node_modules'));
  for (const name of fs.readdirSync(modules)) {
    const from = path.join(modules, name);
    const to = path.join(root, 'node_modules', name);
    if (name === 'electron') {
      fs.cpSync(from, to, { recursive: true, filter: (src) => src !== path.join(from, 'dist') && src !== path.join(from, 'path.txt') });
    } else if (name !== '.vite' && name !== '.cache') {
      fs.symlinkSync(from, to, 'junction');
    }
  }
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
