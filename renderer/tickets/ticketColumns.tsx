import { Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { TicketSummary } from '../../shared/tickets/schema.js';
import { formatDateTime } from '../format.js';
import { SeverityTag } from './SeverityTag.js';
import { StatusTag } from './StatusTag.js';
import { SlaBadge } from '../work/SlaBadge.js';
import { COLUMN_WIDTHS as WIDTHS, ticketLayout, type TicketColumnKey } from './ticketLayout.js';

/**
 * The columns that fit `tableWidth` (ticketLayout decides which): fixed pixel
 * widths, since the virtual table needs them and a stable grid is faster to
 * scan; every cell stays on one line (ellipsis, full text in the title), so
 * rows keep one height and a number never breaks.
 */
export function ticketColumns(t: TFunction, tableWidth: number): { columns: TableColumnsType<TicketSummary>; totalWidth: number } {
  const layout = ticketLayout(tableWidth);
  const subjectWidth = layout.subjectWidth;
  const all: (TableColumnsType<TicketSummary>[number] & { key: TicketColumnKey })[] = [
    {
      key: 'no',
      title: t('fields.no'),
      dataIndex: 'no',
      width: WIDTHS.no,
      fixed: 'left',
      ellipsis: true,
      render: (no: string) => (
        <span className="ticket-no one-line" title={no}>
          {no}
        </span>
      ),
    },
    {
      key: 'subject',
      title: t('fields.subject'),
      dataIndex: 'subject',
      width: subjectWidth,
      ellipsis: { showTitle: true },
    },
    {
      key: 'customer',
      title: t('fields.customer'),
      width: WIDTHS.customer,
      ellipsis: true,
      render: (_: unknown, row) => (
        <span className="one-line" title={[row.customerName, row.customerPhone].filter(Boolean).join(' ')}>
          {row.customerName}
          {row.customerPhone && (
            <Typography.Text type="secondary" className="tabular" style={{ marginInlineStart: 6 }}>
              {row.customerPhone}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { key: 'category', title: t('fields.category'), dataIndex: 'category', width: WIDTHS.category, ellipsis: { showTitle: true }, render: (c: TicketSummary['category']) => t(`category.${c}`) },
    { key: 'severity', title: t('fields.severity'), dataIndex: 'severity', width: WIDTHS.severity, render: (s: TicketSummary['severity']) => <SeverityTag severity={s} /> },
    { key: 'status', title: t('fields.status'), dataIndex: 'status', width: WIDTHS.status, render: (s: TicketSummary['status']) => <StatusTag status={s} /> },
    // The live countdown of open tickets (the list answer carries their clocks); closed ones show nothing.
    { key: 'sla', title: t('work.sla.column'), width: WIDTHS.sla, render: (_: unknown, row) => <SlaBadge sla={row.sla} testId="row-sla" /> },
    { key: 'assignee', title: t('fields.assigneeId'), dataIndex: 'assigneeId', width: WIDTHS.assignee, ellipsis: true, render: (a: string | null) => a ?? '' },
    { key: 'createdAt', title: t('fields.createdAt'), dataIndex: 'createdAt', width: WIDTHS.createdAt, ellipsis: true, render: (d: string) => formatDateTime(d) },
    { key: 'updatedAt', title: t('fields.updatedAt'), dataIndex: 'updatedAt', width: WIDTHS.updatedAt, ellipsis: true, render: (d: string) => formatDateTime(d) },
  ];
  const shown = new Set(layout.keys);
  return { columns: all.filter((c) => shown.has(c.key)), totalWidth: layout.totalWidth };
}
