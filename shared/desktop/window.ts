/**
 * Window rules of the desktop shell that do not need Electron: what closing
 * the window does during a shift, and the zoom steps (Ctrl+= / Ctrl+- /
 * Ctrl+0) kept per user, since agents sharing a PC do not share eyesight.
 */

export type CloseAction = 'tray' | 'quit';

export interface CloseFacts {
  /** the app is quitting (menu, tray, OS shutdown): never ask then */
  quitting: boolean;
  /** an agent is signed in at the desk: their shift is running */
  signedIn: boolean;
  /** what the agent chose with "don't ask again", if they did */
  remembered: CloseAction | null;
}

/** close: let the window close (and the app quit); hide: keep running in the tray; ask: show the question. */
export function onWindowClose(facts: CloseFacts): 'close' | 'hide' | 'ask' {
  if (facts.quitting || !facts.signedIn) return 'close';
  if (facts.remembered === 'tray') return 'hide';
  if (facts.remembered === 'quit') return 'close';
  return 'ask';
}

/** Chromium's own zoom steps, so the figures match what people know from their browser. */
export const ZOOM_FACTORS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
export const MIN_ZOOM = ZOOM_FACTORS[0];
export const MAX_ZOOM = ZOOM_FACTORS[ZOOM_FACTORS.length - 1] ?? 3;

export type ZoomCommand = 'in' | 'out' | 'reset';

/** The next step from any factor (a hand-edited config may hold one between steps). */
export function nextZoom(current: number, command: ZoomCommand): number {
  if (command === 'reset' || !Number.isFinite(current)) return 1;
  if (command === 'in') return ZOOM_FACTORS.find((f) => f > current + 1e-9) ?? MAX_ZOOM;
  return [...ZOOM_FACTORS].reverse().find((f) => f < current - 1e-9) ?? MIN_ZOOM;
}

/** The keys that zoom: = and + (with or without Shift, main row or keypad), - and 0, with Ctrl (Cmd on macOS). */
export function zoomCommandForKey(input: { key: string; control: boolean; meta: boolean; alt: boolean }, platform: string): ZoomCommand | null {
  const mod = platform === 'darwin' ? input.meta : input.control;
  if (!mod || input.alt) return null;
  switch (input.key) {
    case '=':
    case '+':
      return 'in';
    case '-':
    case '_':
      return 'out';
    case '0':
      return 'reset';
    default:
      return null;
  }
}
