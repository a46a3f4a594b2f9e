import type { Call } from '../../shared/desk/schema.js';
import { normalisePhoneText, parsePhone } from '../../shared/phone.js';

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

/**
 * The number in a typed or pasted text or a tel: link, normalised by the one
 * rule the ticket form and the core use (shared/phone.ts: full-width digits,
 * an extension after 转 / ext / #); null when it is not a valid number, so
 * the new-call dialog refuses exactly what the ticket form refuses.
 */
export function dialableNumber(text: string): string | null {
  const number = normalisePhoneText(text);
  return parsePhone(number) ? number : null;
}
