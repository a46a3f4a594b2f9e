import { describe, expect, it } from 'vitest';
import { COLUMN_WIDTHS, MIN_SUBJECT, ticketLayout } from '../../../renderer/tickets/ticketLayout.js';

const ESSENTIAL = ['no', 'subject', 'customer', 'severity', 'status', 'sla', 'assignee'];

describe('the ticket table fits its width without scrolling sideways', () => {
  it('shows every column on a wide screen, the subject taking what is left', () => {
    const all = Object.values(COLUMN_WIDTHS).reduce((a, b) => a + b, 0);
    const layout = ticketLayout(all + 400);
    expect(layout.keys).toEqual(['no', 'subject', 'customer', 'category', 'severity', 'status', 'sla', 'assignee', 'createdAt', 'updatedAt']);
    expect(layout.subjectWidth).toBe(400);
    expect(layout.totalWidth).toBe(all + 400);
  });

  // 1366 px window: the side menu (180) and the screen's padding leave about 1150 px to the table.
  it('at 1366x768 hides the times before anything an agent needs, and fits', () => {
    const layout = ticketLayout(1150);
    expect(layout.keys).toEqual(expect.arrayContaining(ESSENTIAL));
    expect(layout.keys).not.toContain('updatedAt');
    expect(layout.totalWidth).toBeLessThanOrEqual(1150);
    expect(layout.subjectWidth).toBeGreaterThanOrEqual(MIN_SUBJECT);
  });

  it('hides the last update first, then the creation time, then the category, never the essentials', () => {
    const widths = [1500, 1300, 1200, 1100, 1000, 600];
    const seen = widths.map((w) => ticketLayout(w).keys);
    for (let i = 1; i < seen.length; i++) expect((seen[i] ?? []).length).toBeLessThanOrEqual((seen[i - 1] ?? []).length);
    for (const keys of seen) expect(keys).toEqual(expect.arrayContaining(ESSENTIAL));
    const narrow = ticketLayout(600).keys;
    expect(narrow).not.toContain('category');
    expect(narrow).not.toContain('createdAt');
    const mid = ticketLayout(1300).keys;
    if (!mid.includes('createdAt')) expect(mid).not.toContain('updatedAt');
  });
});
