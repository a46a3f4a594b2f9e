import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type EventName, type EventPayload } from '../../../shared/contract.js';
import type { SyncStatus } from '../../../shared/sync/status.js';
import { MemoryTokenStore, TokenNotPersistedError, type StoredSession } from '../../../electron/core/sync/session.js';
import { CoreWorkerClient } from '../../../electron/core/workerClient.js';
import { BACKENDS, suiteServer, PASSWORD, team, tempDir, ticketInput } from './helpers.js';

/** The host's side of the session, as Electron main keeps it (there: safeStorage). */
class RecordingStore extends MemoryTokenStore {
  readonly ops: string[] = [];
  override async load(): Promise<StoredSession | null> {
    this.ops.push('load');
    return super.load();
  }
  override async save(s: StoredSession): Promise<void> {
    this.ops.push('save');
    return super.save(s);
  }
  override async clear(): Promise<void> {
    this.ops.push('clear');
    return super.clear();
  }
}

async function call(client: CoreWorkerClient, channel: 'sync:login' | 'sync:status' | 'sync:now' | 'sync:logout' | 'tickets:create', payload: unknown) {
  const res = await client.invoke(channel, payload);
  if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
  return res.value;
}

describe.each(BACKENDS)('the core worker keeps its session with the host (%s)', (backend) => {
  const server = suiteServer(backend);

  it('asks the host to store, load and clear the session over the port; the data folder never holds the token', { timeout: 60_000 }, async () => {
    const username = await server.user(team('w'));
    const dataDir = path.join(tempDir(), 'data');
    const tokens = new RecordingStore();
    let client = await CoreWorkerClient.start({ dataDir, actorId: 'ws-1', tokenStore: tokens, sync: { autoStart: false } });
    try {
      const statuses: SyncStatus[] = [];
      client.on(<E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (event === 'sync:status') statuses.push(payload as SyncStatus);
      });
      expect(tokens.ops).toEqual(['load']);
      const status = contract['sync:login'].result.parse(await call(client, 'sync:login', { server: server.url, username, password: PASSWORD }));
      expect(status).toMatchObject({ user: { username }, lastError: null });
      expect(tokens.ops).toEqual(['load', 'save']);
      const token = (await tokens.load())?.token ?? '';
      expect(token.length).toBeGreaterThan(10);
      await call(client, 'tickets:create', ticketInput());
      // The ticket (customer + ticket) and the sign-in's `ready` line: a server sign-in seats its user at the desk.
      expect(await call(client, 'sync:now', {})).toMatchObject({ pushed: 3, pending: 0 });
      expect(statuses.at(-1)).toMatchObject({ state: 'idle', pending: 0 });
      await client.close();
      for (const f of fs.readdirSync(dataDir)) expect(fs.readFileSync(path.join(dataDir, f)).includes(token), f).toBe(false);

      // A restart loads the session from the host: still signed in.
      client = await CoreWorkerClient.start({ dataDir, actorId: 'ws-1', tokenStore: tokens, sync: { autoStart: false } });
      expect(await call(client, 'sync:status', {})).toMatchObject({ state: 'idle', user: { username } });
      expect(await call(client, 'sync:now', {})).toMatchObject({ pending: 0 });
      expect(await call(client, 'sync:logout', {})).toMatchObject({ state: 'signed_out' });
      expect(tokens.ops.at(-1)).toBe('clear');
      expect(await tokens.load()).toBeNull();
    } finally {
      await client.close();
    }
  });

  it('keeps the session in memory only when the host refuses to store it, and says so', { timeout: 60_000 }, async () => {
    const username = await server.user(team('w'));
    const refusing = new MemoryTokenStore();
    refusing.save = () => Promise.reject(new TokenNotPersistedError('no keyring (GNOME Keyring or KWallet) is available on this PC'));
    const client = await CoreWorkerClient.start({ dataDir: path.join(tempDir(), 'data'), actorId: 'ws-2', tokenStore: refusing, sync: { autoStart: false } });
    try {
      const status = await call(client, 'sync:login', { server: server.url, username, password: PASSWORD });
      expect(status).toMatchObject({ user: { username }, lastError: { code: 'SYNC_TOKEN_NOT_SAVED', message: expect.stringMatching(/no keyring/) } });
      await call(client, 'tickets:create', ticketInput());
      expect(await call(client, 'sync:now', {})).toMatchObject({ pending: 0 });
    } finally {
      await client.close();
    }
  });
});
