import { describe, expect, it, vi } from 'vitest';
import { captureFailure, identifyTaps } from '../../../electron/core/store/pageCapture.js';
import { loadSqlJs } from '../../../electron/core/store/sqlite.js';
import { openStore, tempDir } from './helpers.js';

// Breaks the thread's capture on purpose: this file runs in its own module graph.
describe('page capture: the wasm imports found by behaviour', () => {
  it('identifies the seek and write imports of the installed sql.js build', async () => {
    await loadSqlJs();
    expect(captureFailure()).toBeNull();
  });

  it('refuses to open a data folder, loudly, when a build does not pass the probe', async () => {
    const SQL = await loadSqlJs();
    // A build whose writes do not rebuild the probe database (here: no memory to read them from).
    expect(identifyTaps(null, (image) => new SQL.Database(image) as never)).toMatch(/wasm memory/);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(openStore(tempDir())).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED', message: expect.stringContaining('does not let the store see the pages') as unknown as string });
    expect(error).toHaveBeenCalledWith(expect.stringContaining('refusing to open'));
    error.mockRestore();
  });
});
