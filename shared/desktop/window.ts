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

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedBounds {
  x?: number | undefined;
  y?: number | undefined;
  width: number;
  height: number;
  maximized: boolean;
}

/**
 * Where the window opens: where it was, on the display it was on, if that
 * display is still connected (the laptop left its dock, a monitor was
 * unplugged); otherwise the same size, clamped to the primary display's
 * work area and centred on it, never off screen. `displays[0]` is the primary.
 */
export function restoreBounds(saved: SavedBounds | undefined, displays: readonly Rect[]): SavedBounds | undefined {
  if (!saved) return undefined;
  const { x, y } = saved;
  if (x !== undefined && y !== undefined) {
    const visible = displays.some((area) => {
      // At least a 100 x 50 px strip of the title bar on that display, so the window can be grabbed and moved.
      const overlapX = Math.min(x + saved.width, area.x + area.width) - Math.max(x, area.x);
      const overlapY = Math.min(y + 50, area.y + area.height) - Math.max(y, area.y);
      return overlapX >= 100 && overlapY >= 50;
    });
    if (visible) return saved;
  }
  const primary = displays[0];
  if (!primary) return { width: saved.width, height: saved.height, maximized: saved.maximized };
  const width = Math.min(saved.width, primary.width);
  const height = Math.min(saved.height, primary.height);
  return {
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
    maximized: saved.maximized,
  };
}

export interface DisplayArea {
  id: number;
  /** the display's full bounds (a TV window covers it, taskbar included) */
  bounds: { x: number; y: number; width: number; height: number };
  primary: boolean;
}

/**
 * Where the wallboard's TV window goes: full screen on a display that is not
 * the agent's (the largest other one: the wall screen), or, with one display,
 * a window over most of it that the supervisor can drag to a screen plugged in later.
 */
export function tvPlacement(displays: readonly DisplayArea[]): { bounds: DisplayArea['bounds']; fullscreen: boolean } {
  const others = displays.filter((d) => !d.primary).sort((a, b) => b.bounds.width * b.bounds.height - a.bounds.width * a.bounds.height);
  const wall = others[0];
  if (wall) return { bounds: wall.bounds, fullscreen: true };
  const main = displays.find((d) => d.primary) ?? displays[0];
  if (!main) return { bounds: { x: 0, y: 0, width: 1280, height: 720 }, fullscreen: false };
  const { x, y, width, height } = main.bounds;
  const w = Math.round(width * 0.8);
  const h = Math.round(height * 0.8);
  return { bounds: { x: x + Math.round((width - w) / 2), y: y + Math.round((height - h) / 2), width: w, height: h }, fullscreen: false };
}
