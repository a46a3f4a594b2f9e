import { useSyncExternalStore } from 'react';

/**
 * One shared one-second clock for every countdown on screen: a ticket table
 * of 50 SLA badges runs one timer, not 50, and they all turn over together.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = window.setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

export function useSecondTick(): number {
  return useSyncExternalStore(subscribe, () => now);
}
