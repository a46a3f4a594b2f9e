import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, contract, type Handlers } from '../../shared/contract.js';
import { dispatch } from '../../shared/dispatch.js';
import { fail, type Result } from '../../shared/result.js';
import type { SupervisedCore } from '../core/supervisedCore.js';

export type ShellChannel = 'app:info' | 'settings:get' | 'settings:set' | 'shell:saveFile';

/**
 * One `ipcMain.handle` per contract channel, derived from the contract (no
 * channel string written here). Shell channels are validated and served in
 * main through shared/dispatch; core channels go to the worker, whose
 * `core.call` validates them before touching data. Requests from any frame
 * that is not our own renderer are refused.
 */
export function registerIpc(deps: {
  shell: Handlers<ShellChannel>;
  core: () => SupervisedCore;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
}): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!deps.isTrustedSender(event)) return fail({ code: 'UNAUTHORIZED', message: 'Request from an untrusted frame' });
      if (contract[channel].owner === 'shell') return dispatch(deps.shell, channel, payload);
      return deps.core().invoke(channel, payload);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Pushes one contract event to a window; the event name doubles as the IPC channel (a separate namespace from `handle`). */
export function sendEvent(contents: WebContents, event: string, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(event, payload);
}
