import { Flex, Typography } from 'antd';
import type { TicketSla, TicketSummary } from '../../shared/tickets/schema.js';
import { SeverityTag } from '../tickets/SeverityTag.js';
import { StatusTag } from '../tickets/StatusTag.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { SlaBadge } from './SlaBadge.js';

/**
 * One ticket in a work list, read left to right the way an agent triages:
 * the clock, the number, what it is about, who is waiting. Enter or a click
 * opens it; the row is a button for keyboard and screen-reader users.
 */
export function TicketLine({ ticket, sla, label, extra }: { ticket: TicketSummary; sla: TicketSla | undefined; label: string; extra?: React.ReactNode }): React.JSX.Element {
  const openDetail = useTicketUiStore((s) => s.openDetail);
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label={label}
      className="work-row work-focusable"
      data-testid="work-ticket"
      data-ticket-id={ticket.id}
      data-ticket-no={ticket.no}
      onClick={() => openDetail(ticket.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          openDetail(ticket.id);
        }
      }}
      style={{ padding: '6px 8px', borderBottom: '1px solid rgba(128,128,128,0.15)' }}
    >
      <Flex gap={8} align="center" wrap="wrap">
        <SlaBadge sla={sla} />
        <Typography.Text className="ticket-no one-line">{ticket.no}</Typography.Text>
        <SeverityTag severity={ticket.severity} />
        <StatusTag status={ticket.status} />
      </Flex>
      <Flex gap={8} align="baseline" justify="space-between">
        <Typography.Text strong ellipsis style={{ maxWidth: '70%' }}>
          {ticket.subject}
        </Typography.Text>
        <Typography.Text type="secondary" ellipsis title={[ticket.customerName, ticket.customerPhone].filter(Boolean).join(' ')}>
          {ticket.customerName}
          {ticket.customerPhone ? ` · ${ticket.customerPhone}` : ''}
        </Typography.Text>
      </Flex>
      {extra}
    </div>
  );
}
