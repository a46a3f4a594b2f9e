import type { Actor, Role } from '../roles.js';

/**
 * Announcements and known outages (公告): the pure rules the core, the sync
 * server (EntityDecl.check) and the screens share.
 *
 * - Only supervisors and admins publish, edit and end announcements. A
 *   supervisor publishes to their own team or to everyone; an admin to any
 *   team or everyone.
 * - An announcement is shown in [validFrom, validTo), unless ended early
 *   (endedAt): then until endedAt. validTo must be after validFrom, and a
 *   window is at most 90 days (an outage notice is not a wiki page).
 * - Every agent acknowledges for themselves only.
 */

export const ANNOUNCEMENT_LEVELS = ['info', 'warning', 'outage'] as const;
export type AnnouncementLevel = (typeof ANNOUNCEMENT_LEVELS)[number];

/** The longest window an announcement may stay on the consoles. */
export const MAX_WINDOW_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;

export const PUBLISHER_ROLES: readonly Role[] = ['supervisor', 'admin'];
export function canPublish(role: Role): boolean {
  return PUBLISHER_ROLES.includes(role);
}

type Verdict = { code: string; message: string } | null;
type Values = Record<string, unknown>;

/** Where an announcement stands at `now`. */
export type AnnouncementPhase = 'scheduled' | 'active' | 'expired' | 'ended';
export interface Window {
  validFrom: string;
  validTo: string;
  endedAt: string | null;
}

export function announcementPhase(a: Window, now: number): AnnouncementPhase {
  if (a.endedAt !== null && Date.parse(a.endedAt) <= now) return 'ended';
  if (now < Date.parse(a.validFrom)) return 'scheduled';
  if (now >= Date.parse(a.validTo)) return 'expired';
  return 'active';
}

export function isActive(a: Window, now: number): boolean {
  return announcementPhase(a, now) === 'active';
}

/** When the banner must next change by itself (it starts, expires or is ended), or null: never. */
export function nextBoundary(a: Window, now: number): number | null {
  const times = [Date.parse(a.validFrom), Date.parse(a.validTo), a.endedAt ? Date.parse(a.endedAt) : Number.NaN].filter((t) => Number.isFinite(t) && t > now);
  return times.length > 0 ? Math.min(...times) : null;
}

/** The window's problems, named by field (empty: valid). */
export function windowProblems(validFrom: string, validTo: string): { path: 'validFrom' | 'validTo'; code: string; message: string }[] {
  const from = Date.parse(validFrom);
  const to = Date.parse(validTo);
  if (!Number.isFinite(from)) return [{ path: 'validFrom', code: 'invalid_date', message: 'validFrom is not a date and time' }];
  if (!Number.isFinite(to)) return [{ path: 'validTo', code: 'invalid_date', message: 'validTo is not a date and time' }];
  if (to <= from) return [{ path: 'validTo', code: 'not_after_from', message: 'validTo must be after validFrom' }];
  if (to - from > MAX_WINDOW_DAYS * DAY_MS) return [{ path: 'validTo', code: 'window_too_long', message: `An announcement is shown for at most ${MAX_WINDOW_DAYS} days` }];
  return [];
}

/**
 * May `user` publish or change an announcement for `team` (null: everyone)?
 * Returns why not, or null.
 */
export function publishRefusal(user: Actor, team: string | null): string | null {
  if (!canPublish(user.role)) return `Only supervisors and admins publish announcements; a ${user.role} acknowledges them`;
  if (user.role === 'supervisor' && team !== null && team !== (user.team ?? null)) {
    return `A supervisor publishes to their own team (${user.team ?? 'none'}) or to everyone, not to ${team}`;
  }
  return null;
}

/** Who sees an announcement: everyone's, their team's, and an admin every one; the publisher always. */
export function announcementVisible(user: Actor, v: Values): boolean {
  return v.team === null || v.team === undefined || user.role === 'admin' || v.team === user.team || v.publishedBy === user.username;
}

/** Acknowledgements: one's own; a supervisor sees their team's, an admin everyone's. */
export function ackVisible(user: Actor, v: Values): boolean {
  return v.agentId === user.username || user.role === 'admin' || (user.role === 'supervisor' && v.team === user.team) || (user.role === 'senior' && v.team === user.team);
}

/** The sync server's rule on announcement rows. */
export function checkAnnouncement(before: Values | null, after: Values, winning: readonly string[], user: Actor): Verdict {
  const team = typeof after.team === 'string' ? after.team : null;
  const refusal = publishRefusal(user, team) ?? (before && before.team !== after.team ? publishRefusal(user, typeof before.team === 'string' ? before.team : null) : null);
  if (refusal) return { code: 'FORBIDDEN', message: refusal };
  if (!before || winning.includes('validFrom') || winning.includes('validTo')) {
    const problems = windowProblems(String(after.validFrom), String(after.validTo));
    if (problems[0]) return { code: 'VALIDATION_FAILED', message: `${problems[0].path}: ${problems[0].message}` };
  }
  if (!before && (after.endedAt !== null || after.endedBy !== null)) return { code: 'VALIDATION_FAILED', message: 'An announcement is published not yet ended' };
  if (before && before.endedAt !== null && (['endedAt', 'endedBy'] as const).some((f) => winning.includes(f) && after[f] !== before[f])) {
    return { code: 'ILLEGAL_TRANSITION', message: 'The announcement was already ended on the server' };
  }
  return null;
}

/** The sync server's rule on acknowledgements: one's own, with one's own team. */
export function checkAck(_before: Values | null, after: Values, _winning: readonly string[], user: Actor): Verdict {
  if (after.agentId !== user.username) return { code: 'FORBIDDEN', message: `Only ${String(after.agentId)} acknowledges for themselves` };
  if ((after.team ?? null) !== (user.team ?? null)) return { code: 'FORBIDDEN', message: `An acknowledgement carries its agent's team (${user.team ?? 'none'})` };
  return null;
}
