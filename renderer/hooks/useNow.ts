import { useEffect, useState } from 'react';

/** The current time (ms), re-read every `intervalMs`, for "3 minutes ago" and countdowns that must not freeze. */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    // Catch up at once when re-enabled: a popover opened after an hour must not show the old time for a tick.
    const first = window.setTimeout(() => setNow(Date.now()), 0);
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [intervalMs, enabled]);
  return now;
}
