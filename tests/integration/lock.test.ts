import { describe, expect, it } from 'vitest';
import { ids, openStore, tempDir } from '../unit/store/helpers.js';
import { spawnTs, waitForExit, waitForLine } from './spawn.js';

describe('one writer per data folder', () => {
  it('gives a second process a clear "data folder in use" error and takes over once the holder died', async () => {
    const dir = tempDir();
    const holder = spawnTs('tests/integration/fixtures/holdStore.ts', [dir]);
    await waitForLine(holder, /^OPEN$/);

    await expect(openStore(dir)).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE', message: expect.stringMatching(/in use by process \d+/) as unknown as string });

    const second = spawnTs('tests/integration/fixtures/holdStore.ts', [dir]);
    const line = await waitForLine(second, /^ERROR /);
    expect(JSON.parse(line.slice('ERROR '.length))).toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
    expect(await waitForExit(second)).toBe(2);

    holder.kill('SIGKILL');
    await waitForExit(holder);
    // the lock names a dead process: it is stale and is taken over, and the holder's write survived
    const store = await openStore(dir);
    expect(ids(store)).toEqual(['held']);
    store.close();
  }, 60_000);
});
