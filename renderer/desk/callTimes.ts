import type { Call } from '../../shared/desk/schema.js';

export { callTimes, wrapOverdue } from '../../shared/desk/callTimer.js';

const seconds = (fromIso: string | null, toMs: number): number => {
  if (!fromIso) return 0;
  const from = Date.parse(fromIso);
  return Number.isFinite(from) ? Math.max(0, Math.floor((toMs - from) / 1000)) : 0;
};

/** The seconds of the hold in progress (the hold timer), 0 when not held. */
export function currentHoldSeconds(call: Call, nowMs: number): number {
  return call.status === 'held' ? seconds(call.holdStartedAt, nowMs) : 0;
}

/** m:ss, or h:mm:ss past an hour; a negative figure (wrap-up over its limit) keeps its sign. */
export function clock(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '-' : '';
  const s = Math.abs(Math.trunc(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/** One rule for numbers in links and pastes, shared with the desktop shell's tel: hand-over. */
export { dialableNumber } from '../../shared/phone.js';
