import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { migrations } from '../../../electron/core/migrations/index.js';
import { Store } from '../../../electron/core/store/index.js';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) {
    const dir = s.report().dataDir;
    s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A store with the app's schema in a fresh folder, closed and removed after the test. */
export async function appStore(prefix: string): Promise<Store> {
  const s = await Store.open({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), prefix)), migrations, idleCheckpointMs: 0 });
  stores.push(s);
  return s;
}
