import { create } from 'zustand';
import { DEFAULT_CONSOLE_CONFIG, type AgentSession, type ConsoleConfig } from '../../shared/desk/schema.js';
import type { AppErrorData, Result } from '../../shared/result.js';
import { call, subscribe } from '../api/client.js';
import { useNavStore } from '../app/navStore.js';
import { useKbUiStore } from '../kb/kbUiStore.js';
import { useSyncStore } from '../sync/syncStore.js';
import { useTicketListStore } from '../tickets/ticketListStore.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { useCallStore } from './callStore.js';
import { useConsoleStore } from './consoleStore.js';
import { usePopStore } from './popStore.js';

interface SessionState {
  /** null until agent:session first answers */
  session: AgentSession | null;
  /** agent:session did not answer (transport down): the gate shows it with a retry */
  loadError: AppErrorData | null;
  /** the admin's console configuration; domain.md's defaults until config:get answers */
  config: ConsoleConfig;
  /** the data service died (and was restarted, or not): said on the sign-in screen until the next sign-in */
  coreRestart: { restarted: boolean; message: string } | null;
  dismissCoreRestart(): void;
  load(): Promise<void>;
  /** subscribes to agent:state and console:changed (config); returns the unsubscribe */
  start(): () => void;
  apply(session: AgentSession): void;
  signIn(username: string, password: string): Promise<Result<AgentSession>>;
  setup(input: { username: string; displayName: string; password: string }): Promise<Result<AgentSession>>;
  signOut(): Promise<Result<AgentSession>>;
  setState(state: 'ready' | 'not_ready', reason?: string): Promise<Result<AgentSession>>;
}

/**
 * Everything the previous agent had on screen: lists, open forms, searches,
 * the call and drafts in memory. Office PCs are shared (domain.md), so a
 * sign-out must leave none of it for the next person.
 */
export function clearAgentScreens(): void {
  for (const store of [useTicketListStore, useTicketUiStore, useKbUiStore, useNavStore, useCallStore, useConsoleStore, usePopStore] as const) {
    (store as { setState(s: unknown, replace: true): void; getInitialState(): unknown }).setState(store.getInitialState(), true);
  }
  // The server sign-in dialog stays: the person signing in (whose sign-in ended the seated agent) must see its answer.
  useSyncStore.setState({ problemsOpen: false });
}

export const useSessionStore = create<SessionState>((set, get) => {
  const loadConfig = async (): Promise<void> => {
    const r = await call('config:get', {});
    if (r.ok) set({ config: r.value });
  };
  // Bumped by every applied session: a periodic re-read sent before a sign-out (or any change) and answered after
  // it must not put the previous session back on screen.
  let applied = 0;
  const settle = (r: Result<AgentSession>): Result<AgentSession> => {
    if (r.ok) get().apply(r.value);
    return r;
  };
  return {
    session: null,
    loadError: null,
    config: DEFAULT_CONSOLE_CONFIG,
    coreRestart: null,
    dismissCoreRestart: () => set({ coreRestart: null }),
    async load() {
      const sentAt = applied;
      const r = await call('agent:session', {});
      if (r.ok) {
        set({ loadError: null });
        if (sentAt === applied) get().apply(r.value);
      } else set({ loadError: r.error });
    },
    start() {
      const offState = subscribe('agent:state', (session) => get().apply(session));
      const offConfig = subscribe('console:changed', ({ kinds }) => {
        if (kinds.includes('config') && get().session?.agent) void loadConfig();
      });
      // A sign-in with the sync server signs the desk in too: the session follows the sync status.
      const offSync = subscribe('sync:status', () => {
        if (!get().session?.agent) void get().load();
      });
      // A new core has nobody signed in: back to the sign-in screen, saying why.
      const offRestart = subscribe('core:restarted', (report) => {
        set({ coreRestart: report });
        void get().load();
      });
      // A tel: link the OS handed the desktop app: the console opens it once somebody is signed in.
      const offDial = subscribe('shell:dial', ({ number }) => useConsoleStore.getState().requestDial(number));
      return () => {
        offState();
        offConfig();
        offSync();
        offRestart();
        offDial();
      };
    },
    apply(session) {
      applied += 1;
      const before = get().session;
      // Signed out: the gate unmounts the app, and its stores are emptied for the next person. A sign-in with the
      // sync server by the agent already at the desk (local account → server account) is the same person: nothing is cleared.
      if (before?.agent && !session.agent) clearAgentScreens();
      set(session.agent && !before?.agent ? { session, coreRestart: null } : { session });
      if (session.agent && (!before?.agent || before.agent.username !== session.agent.username)) void loadConfig();
    },
    signIn: async (username, password) => settle(await call('agent:signIn', { username, password })),
    setup: async (input) => settle(await call('agent:setup', { ...input, role: 'admin' })),
    signOut: async () => settle(await call('agent:signOut', {})),
    setState: async (state, reason) => settle(await call('agent:setState', reason ? { state, reason } : { state })),
  };
});
