import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Flex, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../shared/tickets/schema.js';
import { errorText } from '../i18n/messages.js';
import { TicketArticles } from '../kb/TicketArticles.js';
import { CustomerCard } from './CustomerCard.js';
import { HistoryTimeline } from './HistoryTimeline.js';
import { SeverityTag } from './SeverityTag.js';
import { StatusTag } from './StatusTag.js';
import { TicketFieldsView } from './TicketFieldsView.js';
import { useTicketListStore } from './ticketListStore.js';
import { useTicketUiStore } from './ticketUiStore.js';
import { TransitionBar } from './TransitionBar.js';
import { AssignToMe } from './AssignToMe.js';
import { TicketNotes } from './TicketNotes.js';
import { useTicketDetail } from './useTicketDetail.js';
import { Hint } from '../app/Hint.js';
import { SlaBadge } from '../work/SlaBadge.js';
import { TicketWorkPanel } from '../work/TicketWorkPanel.js';
import { TicketIssueLinks } from '../announcements/TicketIssueLinks.js';
import { TicketCallsSection } from '../work/TicketCalls.js';

export function TicketDetailDrawer(): React.JSX.Element {
  const { t } = useTranslation();
  const detailId = useTicketUiStore((s) => s.detailId);
  const closeDetail = useTicketUiStore((s) => s.closeDetail);
  const openEdit = useTicketUiStore((s) => s.openEdit);
  const editing = useTicketUiStore((s) => s.form?.mode === 'edit');
  const revision = useTicketUiStore((s) => s.detailRevision);
  const { detail, error, reload, accept } = useTicketDetail(detailId, revision);
  const closed = detail?.ticket.status === 'closed';

  const afterWrite = (next: TicketDetail): void => {
    accept(next);
    // The change event normally refreshes the list; reloading here keeps it right if an event is lost.
    void useTicketListStore.getState().load();
  };

  const title = detail ? (
    <Flex align="center" gap={8} wrap="wrap">
      <Typography.Text strong copyable={{ text: detail.ticket.no }} className="ticket-no" data-testid="detail-no">
        {t('tickets.detail.title', { no: detail.ticket.no })}
      </Typography.Text>
      <StatusTag status={detail.ticket.status} testId="detail-status" />
      <SeverityTag severity={detail.ticket.severity} />
      <SlaBadge sla={detail.sla} testId="detail-sla" />
    </Flex>
  ) : (
    t('app.loading')
  );

  return (
    <Drawer
      open={detailId !== null}
      onClose={closeDetail}
      title={title}
      size={780}
      resizable
      mask={false}
      push={false}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      extra={
        detail && (
          <Flex gap={6}>
            <AssignToMe detail={detail} enabled={!editing} onDone={afterWrite} />
            {/* A closed ticket is read-only: reopen it first (the core refuses edits with TICKET_CLOSED). */}
            {!closed && (
              <Hint title={t('tickets.detail.editHint')}>
                <Button size="small" icon={<EditOutlined />} onClick={() => openEdit(detail)} disabled={editing} data-testid="detail-edit-button">
                  {t('common.edit')}
                </Button>
              </Hint>
            )}
          </Flex>
        )
      }
      styles={{ body: { padding: 12 } }}
      data-testid="ticket-detail"
      rootClassName="ticket-detail-drawer below-header"
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('tickets.detail.loadFailed', { error: errorText(t, error) })}
          action={
            <Button size="small" onClick={reload}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {!detail && !error && <Skeleton active />}
      {detail && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="ticket-detail-body" data-ticket-id={detail.ticket.id} data-status={detail.ticket.status}>
          {closed && <Alert type="info" showIcon title={t('ticketwork.readOnly')} data-testid="detail-read-only" />}
          <section aria-label={t('tickets.detail.actions')}>
            <TransitionBar detail={detail} onDone={afterWrite} />
          </section>
          <TicketWorkPanel detail={detail} onDetail={afterWrite} />
          <TicketIssueLinks ticket={detail.ticket} />
          <TicketFieldsView ticket={detail.ticket} />
          <CustomerCard customer={detail.customer} />
          <TicketCallsSection ticketId={detail.ticket.id} />
          <TicketNotes ticketId={detail.ticket.id} closed={closed} />
          <TicketArticles detail={detail} />
          <section aria-label={t('tickets.detail.history')}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('tickets.detail.history')}
            </Typography.Title>
            <HistoryTimeline history={detail.history} ticketId={detail.ticket.id} ticketNo={detail.ticket.no} customer={detail.customer} />
          </section>
        </Space>
      )}
    </Drawer>
  );
}
