import { FileAddOutlined, LinkOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../shared/desk/schema.js';
import type { TicketSummary } from '../../shared/tickets/schema.js';
import { errorText } from '../i18n/messages.js';
import { CustomerCard } from '../tickets/CustomerCard.js';
import { SeverityTag } from '../tickets/SeverityTag.js';
import { StatusTag } from '../tickets/StatusTag.js';
import { SlaBadge } from '../work/SlaBadge.js';
// ---- archiving (issue 18 point 3)
import { ArchivedHint } from '../archive/ArchivedHint.js';
import { useConsoleStore } from './consoleStore.js';
import { usePopStore } from './popStore.js';
import { useSessionStore } from './sessionStore.js';

interface Props {
  call: Call | null;
  onCreateTicket(): void;
  onLink(): void;
}

/**
 * Who is calling and what they already have with us: open tickets first
 * (most urgent first, as the core orders them), then the last 30 days. The
 * agent picks one with ↑↓ to link the call to it (Ctrl+L), or registers a new
 * ticket (Ctrl+N); an unknown number leads to a new customer with that number.
 */
export function ScreenPop({ call, onCreateTicket, onLink }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const number = usePopStore((s) => s.number);
  const pop = usePopStore((s) => s.pop);
  const loading = usePopStore((s) => s.loading);
  const error = usePopStore((s) => s.error);
  const selectedId = useConsoleStore((s) => s.selectedTicketId);
  const select = useConsoleStore((s) => s.selectTicket);
  const warnBeforeMs = useSessionStore((s) => s.config.sla.warnBeforeMinutes * 60_000);

  if (!call) {
    return (
      <Card size="small" title={t('desk.pop.title')} className="pop-card" data-testid="screen-pop" data-state="idle">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.pop.noCall')} />
      </Card>
    );
  }

  const tickets = pop ? [...pop.openTickets, ...pop.recentTickets] : [];
  const move = (delta: number): void => {
    if (!tickets.length) return;
    const at = tickets.findIndex((x) => x.id === selectedId);
    const next = tickets[Math.min(tickets.length - 1, Math.max(0, at + delta))];
    if (next) {
      select(next.id);
      document.getElementById(`pop-ticket-${next.id}`)?.focus();
    }
  };
  const linked = new Set(call.ticketIds);
  const row = (ticket: TicketSummary): React.JSX.Element => (
    <div
      key={ticket.id}
      id={`pop-ticket-${ticket.id}`}
      role="option"
      aria-selected={ticket.id === selectedId}
      tabIndex={ticket.id === selectedId || (!selectedId && ticket === tickets[0]) ? 0 : -1}
      className={ticket.id === selectedId ? 'pop-ticket pop-ticket-selected' : 'pop-ticket'}
      onClick={() => select(ticket.id)}
      onFocus={() => select(ticket.id)}
      data-testid="pop-ticket"
      data-ticket-no={ticket.no}
    >
      <Flex justify="space-between" gap={6}>
        <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
          {ticket.subject}
        </Typography.Text>
        {linked.has(ticket.id) && (
          <Tag color="green" icon={<LinkOutlined />} style={{ marginInlineEnd: 0 }}>
            {t('desk.pop.linked')}
          </Tag>
        )}
      </Flex>
      <Flex gap={4} wrap align="center">
        <Typography.Text type="secondary" className="tabular" style={{ fontSize: 12 }}>
          {ticket.no}
        </Typography.Text>
        <StatusTag status={ticket.status} />
        <SeverityTag severity={ticket.severity} />
        <SlaBadge sla={ticket.sla} warnBeforeMs={warnBeforeMs} />
      </Flex>
    </div>
  );

  const newTicketLabel = t('common.withShortcut', { label: t('desk.pop.createTicket'), keys: t('desk.keys.newTicket') });
  const linkLabel = t('common.withShortcut', { label: t('desk.pop.linkTicket'), keys: t('desk.keys.linkCall') });
  const actions = (
    <Flex gap={6} wrap>
      <Button type="primary" size="small" icon={pop && !pop.customer ? <UserAddOutlined /> : <FileAddOutlined />} onClick={onCreateTicket} title={newTicketLabel} aria-keyshortcuts="Control+N" data-testid="pop-create-ticket">
        {pop && !pop.customer ? t('desk.pop.newCustomerTicket') : t('desk.pop.createTicket')} <kbd className="nav-kbd">{t('desk.keys.newTicket')}</kbd>
      </Button>
      <Button size="small" icon={<LinkOutlined />} disabled={!selectedId || linked.has(selectedId)} onClick={onLink} title={linkLabel} aria-keyshortcuts="Control+L" data-testid="pop-link-ticket">
        {t('desk.pop.linkTicket')} <kbd className="nav-kbd">{t('desk.keys.linkCall')}</kbd>
      </Button>
    </Flex>
  );

  return (
    <Flex vertical gap={8} className="pop-column" data-testid="screen-pop" data-state={loading ? 'loading' : pop?.customer ? 'known' : pop ? 'unknown' : 'error'} data-number={number ?? ''}>
      {loading && !pop && (
        <Card size="small">
          <Spin size="small" /> <Typography.Text type="secondary">{t('desk.pop.loading')}</Typography.Text>
        </Card>
      )}
      {error && <Alert type="error" showIcon title={t('desk.pop.failed', { error: errorText(t, error) })} />}
      {pop?.customer && <CustomerCard customer={pop.customer} testId="pop-customer" column={1} />}
      {pop && !pop.customer && <Alert type="info" showIcon title={t('desk.pop.unknown', { number: call.number })} description={t('desk.pop.unknownHint')} data-testid="pop-unknown" />}
      {actions}
      {pop?.customer && (
        <div
          role="listbox"
          aria-label={t('desk.pop.openTickets', { count: pop.openTickets.length })}
          className="pop-tickets"
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              move(e.key === 'ArrowDown' ? 1 : -1);
            }
          }}
        >
          <Typography.Text type="secondary" className="pop-section">
            {t('desk.pop.openTickets', { count: pop.openTickets.length })}
          </Typography.Text>
          {pop.openTickets.length ? pop.openTickets.map(row) : <Typography.Text type="secondary">{t('desk.pop.noTickets')}</Typography.Text>}
          <Typography.Text type="secondary" className="pop-section">
            {t('desk.pop.recentTickets', { count: pop.recentTickets.length })}
          </Typography.Text>
          {pop.recentTickets.length ? pop.recentTickets.map(row) : <Typography.Text type="secondary">{t('desk.pop.noTickets')}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('desk.pop.selectHint')}
          </Typography.Text>
        </div>
      )}
      {pop?.customer && <ArchivedHint customerId={pop.customer.id} testId="archived-hint-pop" />}
    </Flex>
  );
}
