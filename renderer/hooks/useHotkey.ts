import { useEffect, useRef } from 'react';

export interface HotkeySpec {
  /** KeyboardEvent.code, layout- and IME-independent (e.g. 'KeyN') */
  code: string;
  ctrl?: boolean;
  shift?: boolean;
}

export function matchesHotkey(e: KeyboardEvent, spec: HotkeySpec): boolean {
  const ctrl = e.ctrlKey || e.metaKey;
  return e.code === spec.code && ctrl === Boolean(spec.ctrl) && e.shiftKey === Boolean(spec.shift) && !e.altKey;
}

/**
 * A window-level shortcut active while `enabled`. The browser default (new
 * window, save page) is always prevented so a missed handler never opens a
 * dialog over the agent's form.
 */
export function useHotkey(spec: HotkeySpec, handler: (e: KeyboardEvent) => void, enabled = true): void {
  const { code, ctrl, shift } = spec;
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.isComposing || !matchesHotkey(e, { code, ctrl, shift })) return;
      e.preventDefault();
      handlerRef.current(e);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [code, ctrl, shift, enabled]);
}
