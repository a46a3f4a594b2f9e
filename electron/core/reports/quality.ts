import { z } from 'zod';
import { dayBounds } from '../../../shared/reports/day.js';
import { addDays, weekStart } from '../../../shared/reports/periods.js';
import { DEFAULT_QUALITY_CONFIG, QualityConfigSchema, ReviewCheckSchema, reviewScore, sampleIds, type QualityConfig, type QualityReview, type ReviewCheck } from '../../../shared/reports/quality.js';
import { AppError, parseOrThrow } from '../../../shared/result.js';
import { appendOutbox, createdFieldHlc, mergeFieldHlc, stamp, type DomainContext } from '../domain/context.js';
import type { SqlReader, SqlWriter } from '../store/types.js';
import { chunkedIds } from './periodReport.js';
import type { Scope } from './scope.js';
import { ticketsInScope } from './wallboard.js';
import type { TicketRow } from './facts.js';

/** The settings row (synced `setting` entity, admin-only on the server) holding the checklist and the sample size. */
export const QUALITY_CONFIG_KEY = 'quality';

export function readQualityConfig(r: SqlReader): QualityConfig {
  const row = r.get<{ value: string }>('SELECT value FROM settings WHERE id = ?', [QUALITY_CONFIG_KEY]);
  if (!row) return DEFAULT_QUALITY_CONFIG;
  try {
    const parsed = QualityConfigSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_QUALITY_CONFIG;
  } catch {
    return DEFAULT_QUALITY_CONFIG;
  }
}

export function writeQualityConfigInTx(ctx: DomainContext, w: SqlWriter, config: QualityConfig): QualityConfig {
  const s = stamp(ctx);
  const value = JSON.stringify(config);
  const existing = w.get<{ fieldHlc: string }>('SELECT field_hlc AS fieldHlc FROM settings WHERE id = ?', [QUALITY_CONFIG_KEY]);
  const values = { value, updatedBy: ctx.actorId, updatedAt: s.at };
  if (existing) {
    w.run('UPDATE settings SET value = ?, updated_by = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [value, ctx.actorId, s.at, mergeFieldHlc(existing.fieldHlc, Object.keys(values), s.hlc), QUALITY_CONFIG_KEY]);
  } else {
    w.run('INSERT INTO settings (id, value, updated_by, updated_at, field_hlc) VALUES (?, ?, ?, ?, ?)', [QUALITY_CONFIG_KEY, value, ctx.actorId, s.at, createdFieldHlc(s.hlc)]);
  }
  appendOutbox(w, s, { name: 'quality:setConfig', entity: 'setting', entityId: QUALITY_CONFIG_KEY, changes: [{ entity: 'setting', id: QUALITY_CONFIG_KEY, values }] });
  return config;
}

interface ReviewRow {
  id: string;
  ticketId: string;
  agentId: string;
  reviewerId: string;
  week: string;
  status: 'sampled' | 'scored';
  checks: string;
  score: number | null;
  comment: string | null;
  createdAt: string;
  reviewedAt: string | null;
  ticketNo: string | null;
  subject: string | null;
}
const REVIEW_SELECT = `SELECT q.id, q.ticket_id AS ticketId, q.agent_id AS agentId, q.reviewer_id AS reviewerId, q.week, q.status, q.checks, q.score, q.comment,
  q.created_at AS createdAt, q.reviewed_at AS reviewedAt, t.no AS ticketNo, t.subject FROM quality_reviews q LEFT JOIN tickets t ON t.id = q.ticket_id`;

function parseChecks(text: string): ReviewCheck[] {
  try {
    const parsed = z.array(ReviewCheckSchema).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function toReview(row: ReviewRow, names: ReadonlyMap<string, string>): QualityReview {
  return {
    id: row.id,
    ticketId: row.ticketId,
    ticketNo: row.ticketNo,
    subject: row.subject,
    agentId: row.agentId,
    agentName: names.get(row.agentId) ?? null,
    reviewerId: row.reviewerId,
    week: row.week,
    status: row.status,
    checks: parseChecks(row.checks),
    score: row.score,
    comment: row.comment,
    createdAt: row.createdAt,
    reviewedAt: row.reviewedAt,
  };
}

const owner = (t: Pick<TicketRow, 'assigneeId' | 'createdBy'>): string => t.assigneeId ?? t.createdBy;
const DONE = ['resolved', 'confirmed', 'closed'];

/** The week's reviews of the agents in scope, by agent then ticket number. */
export function weekReviews(r: SqlReader, scope: Scope, week: string, names: ReadonlyMap<string, string>): QualityReview[] {
  return r
    .all<ReviewRow>(`${REVIEW_SELECT} WHERE q.week = ? ORDER BY q.agent_id, t.no, q.id`, [weekStart(week)])
    .filter((row) => scope.agentIn(row.agentId))
    .map((row) => toReview(row, names));
}

/** An agent's own reviews, newest week first. */
export function agentReviews(r: SqlReader, agentId: string, limit: number, names: ReadonlyMap<string, string>): QualityReview[] {
  return r.all<ReviewRow>(`${REVIEW_SELECT} WHERE q.agent_id = ? ORDER BY q.week DESC, q.created_at DESC, q.id LIMIT ?`, [agentId, limit]).map((row) => toReview(row, names));
}

/** A uniform number in [0, 1) from the context's (injectable) random source. */
function randomUnit(ctx: DomainContext): () => number {
  return () => {
    const b = ctx.randomBytes(4);
    return ((((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0) / 2 ** 32;
  };
}

/**
 * Draws this week's sample: for each agent in scope, tickets they owned
 * that were finished (resolved, confirmed or closed) in the week and never
 * reviewed, at random, up to `size` reviews for the agent and week (a
 * second draw tops up, never doubles). One outbox entry per agent.
 */
export function sampleWeekInTx(ctx: DomainContext, w: SqlWriter, scope: Scope, week: string, size: number, reviewerId: string, offset: number): number {
  const monday = weekStart(week);
  const start = dayBounds(monday, offset).start;
  const end = dayBounds(addDays(monday, 6), offset).end;
  const done = w.all<TicketRow>(
    `SELECT id, no, subject, status, category, severity, channel, team, assignee_id AS assigneeId, created_by AS createdBy, created_at AS createdAt, resolved_at AS resolvedAt
       FROM tickets WHERE resolved_at >= ? AND resolved_at < ? AND status IN (${DONE.map(() => '?').join(', ')}) ORDER BY id`,
    [new Date(start).toISOString(), new Date(end).toISOString(), ...DONE],
  );
  const candidates = ticketsInScope(w, scope, done).filter((t) => scope.agentIn(owner(t)));
  const reviewed = new Set(
    chunkedIds(
      candidates.map((t) => t.id),
      (chunk, marks) => w.all<{ ticketId: string }>(`SELECT ticket_id AS ticketId FROM quality_reviews WHERE ticket_id IN (${marks})`, chunk),
    ).map((x) => x.ticketId),
  );
  const already = new Map(w.all<{ agentId: string; n: number }>('SELECT agent_id AS agentId, COUNT(*) AS n FROM quality_reviews WHERE week = ? GROUP BY agent_id', [monday]).map((x) => [x.agentId, x.n]));
  const byAgent = new Map<string, string[]>();
  for (const t of candidates) if (!reviewed.has(t.id)) byAgent.set(owner(t), [...(byAgent.get(owner(t)) ?? []), t.id]);
  const random = randomUnit(ctx);
  let drawn = 0;
  for (const agentId of [...byAgent.keys()].sort()) {
    const want = size - (already.get(agentId) ?? 0);
    if (want <= 0) continue;
    const picked = sampleIds(byAgent.get(agentId) ?? [], want, random);
    if (picked.length === 0) continue;
    const s = stamp(ctx);
    const changes = picked.map((ticketId) => {
      const id = ctx.newId();
      const values = { ticketId, agentId, reviewerId, week: monday, status: 'sampled', checks: '[]', score: null, comment: null, createdAt: s.at, updatedAt: s.at, reviewedAt: null };
      w.run(
        `INSERT INTO quality_reviews (id, ticket_id, agent_id, reviewer_id, week, status, checks, score, comment, created_at, updated_at, reviewed_at, field_hlc)
         VALUES (?, ?, ?, ?, ?, 'sampled', '[]', NULL, NULL, ?, ?, NULL, ?)`,
        [id, ticketId, agentId, reviewerId, monday, s.at, s.at, createdFieldHlc(s.hlc)],
      );
      return { entity: 'quality_review' as const, id, values };
    });
    appendOutbox(w, s, { name: 'quality:sample', entity: 'quality_review', entityId: changes[0]?.id ?? '', changes });
    drawn += picked.length;
  }
  return drawn;
}

/**
 * Scores a review against the checklist: every item answered (met or not),
 * none unknown; the items are kept with the labels they were scored under.
 * A review already scored keeps its own items; a sampled one takes the
 * checklist in force.
 */
export function scoreReviewInTx(ctx: DomainContext, w: SqlWriter, req: { id: string; checks: Record<string, boolean>; comment?: string | undefined }, reviewerId: string): void {
  const row = w.get<{ status: string; checks: string; fieldHlc: string }>('SELECT status, checks, field_hlc AS fieldHlc FROM quality_reviews WHERE id = ?', [req.id]);
  if (!row) throw new AppError('NOT_FOUND', `No quality review ${req.id}`);
  const items = row.status === 'scored' ? parseChecks(row.checks) : readQualityConfig(w).items;
  const known = new Set(items.map((i) => i.id));
  const fields = [
    ...items.filter((i) => req.checks[i.id] === undefined).map((i) => ({ path: `checks.${i.id}`, code: 'required', message: `Answer "${i.zh} / ${i.en}"` })),
    ...Object.keys(req.checks)
      .filter((k) => !known.has(k))
      .map((k) => ({ path: `checks.${k}`, code: 'unknown_item', message: `${k} is not on the checklist` })),
  ];
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', `Every checklist item is answered once: ${fields.map((f) => f.path).join(', ')}`, fields);
  const checks: ReviewCheck[] = items.map((i) => ({ id: i.id, zh: i.zh, en: i.en, passed: req.checks[i.id] === true }));
  const s = stamp(ctx);
  const values = { status: 'scored', checks: JSON.stringify(checks), score: reviewScore(checks), comment: req.comment?.trim() ? req.comment.trim() : null, reviewerId, reviewedAt: s.at, updatedAt: s.at };
  w.run('UPDATE quality_reviews SET status = ?, checks = ?, score = ?, comment = ?, reviewer_id = ?, reviewed_at = ?, updated_at = ?, field_hlc = ? WHERE id = ?', [
    values.status,
    values.checks,
    values.score,
    values.comment,
    reviewerId,
    s.at,
    s.at,
    mergeFieldHlc(row.fieldHlc, Object.keys(values), s.hlc),
    req.id,
  ]);
  appendOutbox(w, s, { name: 'quality:score', entity: 'quality_review', entityId: req.id, changes: [{ entity: 'quality_review', id: req.id, values }] });
}

export function reviewById(r: SqlReader, id: string, names: ReadonlyMap<string, string>): QualityReview {
  const row = r.get<ReviewRow>(`${REVIEW_SELECT} WHERE q.id = ?`, [id]);
  if (!row) throw new AppError('NOT_FOUND', `No quality review ${id}`);
  return toReview(row, names);
}

/** Scores of the reviews scored in [start, end), per reviewed agent: record accuracy's input. */
export function scoresByAgent(r: SqlReader, start: number, end: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const rows = r.all<{ agentId: string; score: number }>("SELECT agent_id AS agentId, score FROM quality_reviews WHERE status = 'scored' AND score IS NOT NULL AND reviewed_at >= ? AND reviewed_at < ?", [
    new Date(start).toISOString(),
    new Date(end).toISOString(),
  ]);
  for (const row of rows) out.set(row.agentId, [...(out.get(row.agentId) ?? []), row.score]);
  return out;
}

export function parseQualityConfig(value: unknown): QualityConfig {
  return parseOrThrow(QualityConfigSchema, value);
}
