import { Alert, Button, Card, Empty, Flex, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/messages.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { useLive } from './useLive.js';
import { WorkOrderCard } from './WorkOrderList.js';

const FILTERS = ['open', 'scheduled', 'on_site', 'done', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/** On-site jobs across tickets: appointments to keep and feedback cards still owed (overdue ones flagged). */
export function WorkOrdersPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Filter>('open');
  const openDetail = useTicketUiStore((s) => s.openDetail);
  const orders = useLive('workOrders:list', { status, limit: 200 }, { kinds: ['workOrders'], intervalMs: 60_000 });
  const list = orders.value ? [...orders.value].sort((a, b) => Number(b.feedbackOverdue) - Number(a.feedbackOverdue) || a.appointmentAt.localeCompare(b.appointmentAt)) : [];
  return (
    <Card
      size="small"
      title={t('work.workOrder.listTitle', { n: list.length })}
      extra={<Segmented<Filter> size="small" value={status} onChange={setStatus} options={FILTERS.map((f) => ({ value: f, label: t(`work.workOrder.filter.${f}`) }))} aria-label={t('work.workOrder.filterLabel')} />}
      style={{ marginTop: 12 }}
      data-testid="work-orders-panel"
    >
      {orders.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, orders.error) })} />}
      {orders.value && list.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.workOrder.none')} />}
      <Flex vertical gap={8}>
        {list.map((o) => (
          <WorkOrderCard
            key={o.id}
            order={o}
            onChanged={orders.reload}
            extra={
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openDetail(o.ticketId)} data-testid="work-order-open-ticket">
                {t('work.workOrder.openTicket')}
              </Button>
            }
          />
        ))}
      </Flex>
    </Card>
  );
}
