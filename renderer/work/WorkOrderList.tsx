import { App, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrder } from '../../shared/desk/schema.js';
import { LIMITS } from '../../shared/tickets/schema.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { NoteDialog } from './NoteDialog.js';

const STATUS_COLORS: Record<WorkOrder['status'], string> = { scheduled: 'blue', on_site: 'processing', done: 'success', cancelled: 'default' };
/** The next steps of a job: the engineer takes it on site (the 24 h feedback clock starts), then finishes it. */
const NEXT: Record<WorkOrder['status'], WorkOrder['status'][]> = { scheduled: ['on_site', 'cancelled'], on_site: ['done'], done: [], cancelled: [] };

export function WorkOrderTags({ order }: { order: WorkOrder }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap="wrap">
      <Tag color={STATUS_COLORS[order.status]} data-testid="work-order-status" data-status={order.status}>
        {t(`work.workOrder.status.${order.status}`)}
      </Tag>
      {order.feedbackOverdue && (
        <Tag color="red" data-testid="work-order-feedback-overdue">
          {t('work.workOrder.feedbackOverdue')}
        </Tag>
      )}
    </Flex>
  );
}

export function WorkOrderCard({ order, onChanged, extra }: { order: WorkOrder; onChanged(): void; extra?: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState(false);

  const move = async (status: WorkOrder['status']): Promise<void> => {
    setBusy(true);
    const r = await call('workOrders:update', { id: order.id, status });
    setBusy(false);
    if (r.ok) onChanged();
    else void message.error(errorText(t, r.error));
  };

  return (
    <Card size="small" data-testid="work-order" data-status={order.status}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Typography.Text strong>
          {order.engineer} · {formatDateTime(order.appointmentAt)}
        </Typography.Text>
        <WorkOrderTags order={order} />
      </Flex>
      <Typography.Paragraph style={{ margin: '4px 0' }}>{order.address}</Typography.Paragraph>
      {extra}
      {order.feedbackDueAt && order.feedback === null && (
        <Typography.Text type={order.feedbackOverdue ? 'danger' : 'secondary'}>{t('work.workOrder.feedbackDue', { at: formatDateTime(order.feedbackDueAt) })}</Typography.Text>
      )}
      {order.feedback !== null && (
        <Typography.Paragraph className="pre-wrap" style={{ marginBottom: 4 }} data-testid="work-order-feedback">
          {t('common.labelColon', { label: t('work.workOrder.feedback') })}
          {order.feedback}
        </Typography.Paragraph>
      )}
      <Flex gap={6} wrap="wrap" style={{ marginTop: 6 }}>
        {NEXT[order.status].map((to) => (
          <Button key={to} size="small" disabled={busy} onClick={() => void move(to)} data-testid={`work-order-${to}`}>
            {t(`work.workOrder.move.${to}`)}
          </Button>
        ))}
        {order.status !== 'cancelled' && order.feedback === null && (
          <Button size="small" type={order.feedbackOverdue ? 'primary' : 'default'} danger={order.feedbackOverdue} onClick={() => setFeedback(true)} data-testid="work-order-feedback-button">
            {t('work.workOrder.recordFeedback')}
          </Button>
        )}
      </Flex>
      {feedback && (
        <NoteDialog
          title={t('work.workOrder.feedbackTitle', { engineer: order.engineer })}
          label={t('work.workOrder.feedback')}
          okText={t('common.save')}
          maxLength={LIMITS.longText}
          extra={t('work.workOrder.feedbackHelp')}
          testId="feedback-dialog"
          submit={(text) => call('workOrders:update', { id: order.id, feedback: text })}
          onCancel={() => setFeedback(false)}
          onDone={() => {
            setFeedback(false);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

export function WorkOrderList({ orders, onChanged }: { orders: WorkOrder[]; onChanged(): void }): React.JSX.Element {
  const { t } = useTranslation();
  if (orders.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.workOrder.none')} />;
  return (
    <Flex vertical gap={8} data-testid="work-order-list">
      {orders.map((o) => (
        <WorkOrderCard key={o.id} order={o} onChanged={onChanged} />
      ))}
    </Flex>
  );
}
