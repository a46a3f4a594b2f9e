import { Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { TicketSummary } from '../../shared/tickets/schema.js';
import { formatDateTime } from '../format.js';
import { SeverityTag } from './SeverityTag.js';
import { StatusTag } from './StatusTag.js';
import { SlaBadge } from '../work/SlaBadge.js';

const WIDTHS = { no: 150, customer: 180, category: 88, severity: 72, status: 100, sla: 190, assignee: 88, createdAt: 130, updatedAt: 130 } as const;
const FIXED_WIDTH = Object.values(WIDTHS).reduce((a, b) => a + b, 0);
const MIN_SUBJECT = 220;

/** The subject takes whatever the fixed columns leave, so no space is wasted and nothing scrolls sideways on a normal screen. */
export function subjectWidthFor(tableWidth: number): number {
  return Math.max(MIN_SUBJECT, tableWidth - FIXED_WIDTH);
}

export function tableWidthFor(subjectWidth: number): number {
  return FIXED_WIDTH + subjectWidth;
}

/** Fixed pixel widths: the virtual table needs them, and a stable grid is faster to scan. */
export function ticketColumns(t: TFunction, subjectWidth: number): TableColumnsType<TicketSummary> {
  return [
    {
      key: 'no',
      title: t('fields.no'),
      dataIndex: 'no',
      width: WIDTHS.no,
      fixed: 'left',
      render: (no: string) => <span className="ticket-no">{no}</span>,
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
        <span title={[row.customerName, row.customerPhone].filter(Boolean).join(' ')}>
          {row.customerName}
          {row.customerPhone && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
              {row.customerPhone}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { key: 'category', title: t('fields.category'), dataIndex: 'category', width: WIDTHS.category, render: (c: TicketSummary['category']) => t(`category.${c}`) },
    { key: 'severity', title: t('fields.severity'), dataIndex: 'severity', width: WIDTHS.severity, render: (s: TicketSummary['severity']) => <SeverityTag severity={s} /> },
    { key: 'status', title: t('fields.status'), dataIndex: 'status', width: WIDTHS.status, render: (s: TicketSummary['status']) => <StatusTag status={s} /> },
    // The live countdown of open tickets (the list answer carries their clocks); closed ones show nothing.
    { key: 'sla', title: t('work.sla.column'), width: WIDTHS.sla, render: (_: unknown, row) => <SlaBadge sla={row.sla} testId="row-sla" /> },
    { key: 'assignee', title: t('fields.assigneeId'), dataIndex: 'assigneeId', width: WIDTHS.assignee, ellipsis: true, render: (a: string | null) => a ?? '' },
    { key: 'createdAt', title: t('fields.createdAt'), dataIndex: 'createdAt', width: WIDTHS.createdAt, render: (d: string) => formatDateTime(d) },
    { key: 'updatedAt', title: t('fields.updatedAt'), dataIndex: 'updatedAt', width: WIDTHS.updatedAt, render: (d: string) => formatDateTime(d) },
  ];
}
