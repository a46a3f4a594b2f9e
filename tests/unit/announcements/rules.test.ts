import { describe, expect, it } from 'vitest';
import { AnnouncementInputSchema } from '../../../shared/announcements/schema.js';
import { ackVisible, announcementPhase, announcementVisible, checkAck, checkAnnouncement, nextBoundary, publishRefusal, windowProblems } from '../../../shared/announcements/rules.js';
import type { Actor } from '../../../shared/roles.js';

const T = Date.parse('2026-11-24T02:00:00.000Z');
const iso = (ms: number) => new Date(T + ms).toISOString();
const H = 3_600_000;
const agent: Actor = { username: 'li', role: 'agent', team: 'hotline' };
const senior: Actor = { username: 'sun', role: 'senior', team: 'hotline' };
const sup: Actor = { username: 'chen', role: 'supervisor', team: 'hotline' };
const admin: Actor = { username: 'root', role: 'admin', team: null };

describe('announcement validity window', () => {
  const w = { validFrom: iso(0), validTo: iso(H), endedAt: null };
  it('is scheduled before its start, active from it, expired at its end', () => {
    expect(announcementPhase(w, T - 1)).toBe('scheduled');
    expect(announcementPhase(w, T)).toBe('active');
    expect(announcementPhase(w, T + H - 1)).toBe('active');
    expect(announcementPhase(w, T + H)).toBe('expired');
  });
  it('is ended from the moment it was ended early, not before', () => {
    const ended = { ...w, endedAt: iso(10 * 60_000) };
    expect(announcementPhase(ended, T + 5 * 60_000)).toBe('active');
    expect(announcementPhase(ended, T + 10 * 60_000)).toBe('ended');
  });
  it('names the next moment the banner changes by itself', () => {
    expect(nextBoundary(w, T - 1000)).toBe(T);
    expect(nextBoundary(w, T)).toBe(T + H);
    expect(nextBoundary({ ...w, endedAt: iso(60_000) }, T)).toBe(T + 60_000);
    expect(nextBoundary(w, T + H)).toBeNull();
  });
  it('needs its end after its start and at most 90 days', () => {
    expect(windowProblems(iso(0), iso(H))).toEqual([]);
    expect(windowProblems(iso(0), iso(0))[0]?.path).toBe('validTo');
    expect(windowProblems(iso(H), iso(0))[0]?.code).toBe('not_after_from');
    expect(windowProblems(iso(0), iso(90 * 24 * H))).toEqual([]);
    expect(windowProblems(iso(0), iso(90 * 24 * H + 1))[0]?.code).toBe('window_too_long');
    expect(windowProblems('yesterday', iso(0))[0]?.path).toBe('validFrom');
  });
  it('is checked by the input schema with the field named', () => {
    const r = AnnouncementInputSchema.safeParse({ title: 't', body: 'b', level: 'outage', validFrom: iso(H), validTo: iso(0) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['validTo']);
    expect(AnnouncementInputSchema.safeParse({ title: 't', body: 'b', level: 'critical', validFrom: iso(0), validTo: iso(H) }).success).toBe(false);
  });
});

describe('who may do what with announcements', () => {
  it('lets supervisors publish to their team or everyone, admins anywhere, nobody else', () => {
    expect(publishRefusal(agent, null)).toMatch(/supervisors and admins/);
    expect(publishRefusal(senior, 'hotline')).not.toBeNull();
    expect(publishRefusal(sup, 'hotline')).toBeNull();
    expect(publishRefusal(sup, null)).toBeNull();
    expect(publishRefusal(sup, 'billing')).toMatch(/own team/);
    expect(publishRefusal(admin, 'billing')).toBeNull();
  });
  it('shows everyone\'s to all, a team\'s to that team, the publisher and admins', () => {
    expect(announcementVisible(agent, { team: null })).toBe(true);
    expect(announcementVisible(agent, { team: 'hotline' })).toBe(true);
    expect(announcementVisible(agent, { team: 'billing' })).toBe(false);
    expect(announcementVisible(admin, { team: 'billing' })).toBe(true);
    expect(announcementVisible(sup, { team: 'billing', publishedBy: 'chen' })).toBe(true);
  });
  it('shows an acknowledgement to its agent, their team\'s supervisor and admins', () => {
    const ack = { agentId: 'zhao', team: 'billing' };
    expect(ackVisible({ username: 'zhao', role: 'agent', team: 'billing' }, ack)).toBe(true);
    expect(ackVisible(agent, ack)).toBe(false);
    expect(ackVisible(sup, ack)).toBe(false);
    expect(ackVisible({ ...sup, team: 'billing' }, ack)).toBe(true);
    expect(ackVisible(admin, ack)).toBe(true);
  });
  it('refuses on the server: agents publishing, bad windows, a second end, acks for others', () => {
    const row = { team: null, validFrom: iso(0), validTo: iso(H), endedAt: null, endedBy: null };
    expect(checkAnnouncement(null, row, Object.keys(row), agent)?.code).toBe('FORBIDDEN');
    expect(checkAnnouncement(null, row, Object.keys(row), sup)).toBeNull();
    expect(checkAnnouncement(null, { ...row, validTo: iso(-1) }, Object.keys(row), sup)?.code).toBe('VALIDATION_FAILED');
    expect(checkAnnouncement(null, { ...row, endedAt: iso(0) }, Object.keys(row), sup)?.code).toBe('VALIDATION_FAILED');
    const ended = { ...row, endedAt: iso(1), endedBy: 'chen' };
    expect(checkAnnouncement(ended, { ...ended, endedAt: iso(2) }, ['endedAt'], admin)?.code).toBe('ILLEGAL_TRANSITION');
    // Moving a billing announcement to everyone: the supervisor must have had the right over the old one too.
    const billing = { ...row, team: 'billing' };
    expect(checkAnnouncement(billing, row, ['team'], sup)?.code).toBe('FORBIDDEN');
    expect(checkAck(null, { agentId: 'li', team: 'hotline' }, [], agent)).toBeNull();
    expect(checkAck(null, { agentId: 'sun', team: 'hotline' }, [], agent)?.code).toBe('FORBIDDEN');
    expect(checkAck(null, { agentId: 'li', team: 'billing' }, [], agent)?.code).toBe('FORBIDDEN');
  });
});
