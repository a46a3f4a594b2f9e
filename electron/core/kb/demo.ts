import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/result.js';

export const DEMO_ARTICLES_FILE = path.join('kb', 'demo-articles.jsonl');

/**
 * Finds resources/kb/demo-articles.jsonl: in `resourcesDir` when the host
 * says where resources are; else in the first `resources` folder found
 * walking up from this module (electron/core/kb under tsx and vitest,
 * out/main in the built app) or from the working directory.
 */
export function findDemoArticles(resourcesDir: string | undefined, moduleUrl: string = import.meta.url): string {
  const candidates: string[] = [];
  if (resourcesDir) candidates.push(path.join(resourcesDir, DEMO_ARTICLES_FILE));
  const starts = [path.dirname(fileURLToPath(moduleUrl)), process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      candidates.push(path.join(dir, 'resources', DEMO_ARTICLES_FILE));
      if (path.dirname(dir) === dir) break;
    }
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new AppError('KB_DEMO_MISSING', `The demo articles (resources/${DEMO_ARTICLES_FILE.split(path.sep).join('/')}) are not installed with this copy of the app`);
  return found;
}
