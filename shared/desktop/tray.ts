import type { AgentSession, AgentStateName } from '../desk/schema.js';

/**
 * The tray icon of a shared office PC: the agent's state at a glance (colour
 * and tooltip) and the few things an agent does without opening the window.
 * Built here as plain data so the rules are tested without Electron; the
 * shell only turns it into a Tray and a Menu.
 */

/** State colours, the same the console's state badge uses. */
export const TRAY_COLOURS: Record<AgentStateName, string> = {
  offline: '#8c8c8c',
  ready: '#389e0d',
  on_call: '#1677ff',
  after_call: '#d48806',
  not_ready: '#cf1322',
};

export type TrayAction =
  | { kind: 'ready' }
  | { kind: 'notReady'; reason: string }
  | { kind: 'show' }
  | { kind: 'signOut' }
  | { kind: 'quit' };

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action: TrayAction }
  | { type: 'radio'; label: string; enabled: boolean; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; enabled: boolean; items: TrayItem[] };

export interface TrayModel {
  state: AgentStateName;
  colour: string;
  tooltip: string;
  items: TrayItem[];
}

export interface TrayLabels {
  appName: string;
  signedOut: string;
  states: Record<AgentStateName, string>;
  /** not ready with no reason: a supervisor or admin signed in without taking calls */
  notTakingCalls: string;
  ready: string;
  notReady: string;
  show: string;
  signOut: string;
  quit: string;
}

export interface Reason {
  code: string;
  label: string;
}

/**
 * Ready and not ready are offered only to a signed-in agent who is not on a
 * call or in after-call work: from the tray, away from the call bar, a
 * click must not put a break into the middle of a call in the state log
 * (the source of attendance). Sign out needs a signed-in agent who is not
 * talking; show and quit are always there.
 */
export function trayModel(session: AgentSession | null, reasons: readonly Reason[], labels: TrayLabels): TrayModel {
  const agent = session?.agent ?? null;
  const state: AgentStateName = agent ? (session?.state ?? 'offline') : 'offline';
  const reasonLabel = session?.reason ? (reasons.find((r) => r.code === session.reason)?.label ?? session.reason) : null;
  const stateText =
    state !== 'not_ready' ? labels.states[state] : reasonLabel ? `${labels.states.not_ready} · ${reasonLabel}` : labels.notTakingCalls;
  const tooltip = agent ? `${labels.appName} · ${agent.displayName} · ${stateText}` : `${labels.appName} · ${labels.signedOut}`;
  const canChange = agent !== null && (state === 'ready' || state === 'not_ready' || state === 'offline');

  const items: TrayItem[] = [];
  if (agent) {
    items.push({ type: 'radio', label: labels.ready, enabled: canChange, checked: state === 'ready', action: { kind: 'ready' } });
    items.push({
      type: 'submenu',
      label: labels.notReady,
      enabled: canChange,
      items: reasons.map((r) => ({
        type: 'radio' as const,
        label: r.label,
        enabled: canChange,
        checked: state === 'not_ready' && session?.reason === r.code,
        action: { kind: 'notReady' as const, reason: r.code },
      })),
    });
    items.push({ type: 'separator' });
  }
  items.push({ type: 'normal', label: labels.show, enabled: true, action: { kind: 'show' } });
  if (agent) items.push({ type: 'normal', label: labels.signOut, enabled: state !== 'on_call', action: { kind: 'signOut' } });
  items.push({ type: 'separator' });
  items.push({ type: 'normal', label: labels.quit, enabled: true, action: { kind: 'quit' } });
  return { state, colour: TRAY_COLOURS[state], tooltip, items };
}
