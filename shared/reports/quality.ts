import { z } from 'zod';
import { inputText } from '../bidi.js';
import { IdSchema, LIMITS } from '../tickets/schema.js';
import { mean, round1 } from './figures.js';

/**
 * Quality reviews (质检, issue 15 point 3). Each week a supervisor samples a
 * few closed tickets per agent and scores each against a checklist; a
 * review's score is the share of checklist items met, and an agent's
 * "record accuracy" is the mean score of the reviews recorded in a period.
 */

const itemId = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'A checklist item id is lower-case letters, digits and _');
export const ChecklistItemSchema = z.strictObject({
  id: itemId,
  zh: inputText().min(1).max(60),
  en: inputText().min(1).max(60),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const QualityConfigSchema = z
  .strictObject({
    /** tickets drawn per agent and week */
    sampleSize: z.number().int().min(1).max(50),
    items: z.array(ChecklistItemSchema).min(1).max(20),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `Checklist item ${item.id} is listed twice`, params: { code: 'duplicate' } });
      seen.add(item.id);
    });
  });
export type QualityConfig = z.infer<typeof QualityConfigSchema>;

/** The issue's checklist; an admin edits it (the setting row `quality`). */
export const DEFAULT_QUALITY_CONFIG: QualityConfig = {
  sampleSize: 5,
  items: [
    { id: 'record_complete', zh: '记录完整', en: 'Record complete' },
    { id: 'category_right', zh: '分类正确', en: 'Category right' },
    { id: 'solution_recorded', zh: '解决方案已记录', en: 'Solution recorded' },
    { id: 'customer_informed', zh: '已告知客户', en: 'Customer informed' },
    { id: 'courtesy', zh: '服务礼貌', en: 'Courtesy' },
  ],
};

/** One scored item as the review keeps it: the label it was scored under, so a later checklist edit never rewrites history. */
export const ReviewCheckSchema = z.strictObject({ id: itemId, zh: z.string().max(60), en: z.string().max(60), passed: z.boolean() });
export type ReviewCheck = z.infer<typeof ReviewCheckSchema>;

export const REVIEW_STATUSES = ['sampled', 'scored'] as const;

export const QualityReviewSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNo: z.string().nullable(),
  subject: z.string().nullable(),
  agentId: z.string(),
  agentName: z.string().nullable(),
  reviewerId: z.string(),
  /** Monday of the reviewed week */
  week: z.string(),
  status: z.enum(REVIEW_STATUSES),
  checks: z.array(ReviewCheckSchema),
  /** 0-100; null until scored */
  score: z.number().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export type QualityReview = z.infer<typeof QualityReviewSchema>;

const week = z.iso.date({ message: 'A week is given by a date, YYYY-MM-DD' });
export const QualityWeekQuerySchema = z.strictObject({ week, team: inputText().min(1).max(LIMITS.team).optional() });
export const QualitySampleSchema = z.strictObject({ week, team: inputText().min(1).max(LIMITS.team).optional(), size: z.number().int().min(1).max(50).optional() });
export const QualityScoreSchema = z.strictObject({
  id: IdSchema,
  /** item id -> met; every item of the review's checklist must be answered */
  checks: z.record(itemId, z.boolean()),
  comment: inputText().max(LIMITS.note).optional(),
});
export const QualityMineQuerySchema = z.strictObject({ limit: z.number().int().min(1).max(500).default(100) });

/** A review's score: items met / items x 100, one decimal; null for an empty checklist. */
export function reviewScore(checks: readonly { passed: boolean }[]): number | null {
  if (checks.length === 0) return null;
  return round1((checks.filter((c) => c.passed).length / checks.length) * 100);
}

/** Record accuracy: the mean of the scored reviews' scores; null without any. */
export function recordAccuracy(scores: readonly (number | null)[]): number | null {
  const valid = scores.filter((s): s is number => s !== null && Number.isFinite(s));
  return mean(
    valid.reduce((a, b) => a + b, 0),
    valid.length,
  );
}

/**
 * Draws `n` of `ids` at random without repeats (a partial Fisher-Yates on a
 * sorted copy, so the draw depends only on the ids and the random source:
 * tests seed it). Fewer ids than `n`: all of them.
 */
export function sampleIds(ids: readonly string[], n: number, random: () => number): string[] {
  const pool = [...new Set(ids)].sort();
  const take = Math.min(n, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const a = pool[i] as string;
    pool[i] = pool[j] as string;
    pool[j] = a;
  }
  return pool.slice(0, take);
}
