/**
 * Which ticket columns fit a table of a given width, so the list never scrolls
 * sideways (an agent with a caller waiting does not hunt for a scrollbar).
 * Widths are fixed pixels (the virtual table needs them); the subject takes
 * what is left. When even the subject's minimum does not fit, the columns an
 * agent needs least go first: last update, then creation time, then category.
 * Number, subject, customer, severity, status, SLA and assignee always stay.
 */
export const COLUMN_WIDTHS = { no: 156, customer: 200, category: 120, severity: 76, status: 92, sla: 160, assignee: 96, createdAt: 130, updatedAt: 130 } as const;
export type FixedColumn = keyof typeof COLUMN_WIDTHS;
export type TicketColumnKey = FixedColumn | 'subject';

export const MIN_SUBJECT = 240;
/** First to hide, in order; the rest never hide. */
export const HIDE_ORDER: readonly FixedColumn[] = ['updatedAt', 'createdAt', 'category'];
const ORDER: readonly TicketColumnKey[] = ['no', 'subject', 'customer', 'category', 'severity', 'status', 'sla', 'assignee', 'createdAt', 'updatedAt'];

export interface TicketLayout {
  /** the columns shown, in display order */
  keys: TicketColumnKey[];
  subjectWidth: number;
  /** sum of the shown columns' widths (the table's scroll.x) */
  totalWidth: number;
}

export function ticketLayout(tableWidth: number): TicketLayout {
  const hidden = new Set<FixedColumn>();
  const fixedWidth = (): number => (Object.keys(COLUMN_WIDTHS) as FixedColumn[]).filter((k) => !hidden.has(k)).reduce((sum, k) => sum + COLUMN_WIDTHS[k], 0);
  for (const key of HIDE_ORDER) {
    if (fixedWidth() + MIN_SUBJECT <= tableWidth) break;
    hidden.add(key);
  }
  const fixed = fixedWidth();
  const subjectWidth = Math.max(MIN_SUBJECT, Math.floor(tableWidth) - fixed);
  return { keys: ORDER.filter((k) => k === 'subject' || !hidden.has(k)), subjectWidth, totalWidth: fixed + subjectWidth };
}
