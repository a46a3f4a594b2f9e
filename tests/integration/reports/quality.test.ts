import { describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY_CONFIG } from '../../../shared/reports/quality.js';
import { failure, ok, readRaw } from '../../unit/core/helpers.js';
import { ACCOUNTS, hotlineDay } from '../../support/wallboardFixture.js';

const WEEK = '2026-11-24';
const all = (passed: boolean) => Object.fromEntries(DEFAULT_QUALITY_CONFIG.items.map((i) => [i.id, passed]));

describe('quality reviews through the core', () => {
  it('samples the week’s finished tickets per agent, scores them, and the mean becomes record accuracy in the KPI sheet', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    const empty = await ok(day.core, 'quality:week', { week: WEEK });
    expect(empty).toMatchObject({ week: '2026-11-23', sampleSize: 5, reviews: [], drawn: 0 });

    // li finished t1 and t2 this week: fewer than 5, so both are drawn; nobody else finished anything.
    const sampled = await ok(day.core, 'quality:sample', { week: WEEK });
    expect(sampled.drawn).toBe(2);
    expect(sampled.reviews.map((r) => [r.agentId, r.ticketId, r.status, r.reviewerId, r.week]).sort()).toEqual(
      [
        ['li.agent', day.ids.t1, 'sampled', 'chen.sup', '2026-11-23'],
        ['li.agent', day.ids.t2, 'sampled', 'chen.sup', '2026-11-23'],
      ].sort(),
    );
    // A second draw tops up to the sample size and never takes a ticket twice: nothing left.
    expect((await ok(day.core, 'quality:sample', { week: '2026-11-29' })).drawn).toBe(0);

    const [first, second] = sampled.reviews;
    if (!first || !second) throw new Error('two reviews expected');
    // Every item answered once, none unknown: the refusal names the fields.
    const missing = await failure(day.core, 'quality:score', { id: first.id, checks: { record_complete: true } });
    expect(missing.code).toBe('VALIDATION_FAILED');
    expect(missing.fields?.map((f) => f.path)).toEqual(['checks.category_right', 'checks.solution_recorded', 'checks.customer_informed', 'checks.courtesy']);
    const unknown = await failure(day.core, 'quality:score', { id: first.id, checks: { ...all(true), smiles: true } });
    expect(unknown.fields?.map((f) => f.path)).toEqual(['checks.smiles']);

    const full = await ok(day.core, 'quality:score', { id: first.id, checks: all(true), comment: '记录清楚' });
    expect(full).toMatchObject({ status: 'scored', score: 100, comment: '记录清楚', reviewerId: 'chen.sup' });
    expect(full.checks.map((c) => [c.id, c.zh, c.passed])).toEqual(DEFAULT_QUALITY_CONFIG.items.map((i) => [i.id, i.zh, true]));
    const four = await ok(day.core, 'quality:score', { id: second.id, checks: { ...all(true), customer_informed: false } });
    expect(four.score).toBe(80);

    // (100 + 80) / 2 = 90: record accuracy in the sheet and in `report agents`.
    const sheet = await ok(day.core, 'reports:agentSheet', { from: '2026-11-24', to: '2026-11-24' });
    expect(sheet.rows.find((r) => r.agentId === 'li.agent')).toMatchObject({ quality: 90, reviews: 2 });
    const agents = await ok(day.core, 'reports:agents', { from: '2026-11-24', to: '2026-11-24' });
    expect(agents.find((r) => r.agentId === 'li.agent')?.quality).toBe(90);
    expect(agents.find((r) => r.agentId === 'zhao.agent')?.quality).toBeNull();

    // The agent sees their own reviews, and may not review or list the team's.
    await day.signIn('li');
    const mine = await ok(day.core, 'quality:mine', {});
    expect(mine.map((r) => r.score).sort()).toEqual([100, 80].sort());
    expect(mine.every((r) => r.agentId === 'li.agent')).toBe(true);
    expect((await failure(day.core, 'quality:week', { week: WEEK })).code).toBe('FORBIDDEN');
    expect((await failure(day.core, 'quality:score', { id: first.id, checks: all(false) })).code).toBe('FORBIDDEN');
    await day.signIn('zhao');
    expect(await ok(day.core, 'quality:mine', {})).toEqual([]);

    // Each sample and score went to the outbox as a quality_review change.
    const outbox = await readRaw(day.core, day.dir, (r) => r.all<{ name: string }>("SELECT name FROM outbox WHERE entity = 'quality_review' ORDER BY id"));
    expect(outbox.map((o) => o.name)).toEqual(['quality:sample', 'quality:score', 'quality:score']);
  });

  it('lets only an admin edit the checklist, and a sample takes the configured size', async () => {
    const day = await hotlineDay();
    await day.signIn('chen');
    const edited = { sampleSize: 1, items: [{ id: 'record_complete', zh: '记录完整', en: 'Record complete' }, { id: 'tone', zh: '语气', en: 'Tone' }] };
    expect((await failure(day.core, 'quality:setConfig', edited)).code).toBe('FORBIDDEN');
    await day.signIn('admin');
    expect((await failure(day.core, 'quality:setConfig', { ...edited, sampleSize: 0 })).fields?.map((f) => f.path)).toContain('sampleSize');
    expect(await ok(day.core, 'quality:setConfig', edited)).toEqual(edited);
    expect(await ok(day.core, 'quality:config', {})).toEqual(edited);
    const week = await ok(day.core, 'quality:sample', { week: WEEK, team: ACCOUNTS.li.team });
    expect(week.drawn).toBe(1);
    const review = week.reviews[0];
    if (!review) throw new Error('one review expected');
    const scored = await ok(day.core, 'quality:score', { id: review.id, checks: { record_complete: true, tone: false } });
    expect(scored.score).toBe(50);
    expect(scored.checks.map((c) => c.en)).toEqual(['Record complete', 'Tone']);
  });
});
