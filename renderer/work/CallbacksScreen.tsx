import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../shared/customers/schema.js';
import type { FollowUp } from '../../shared/desk/schema.js';
import { formatDateTime } from '../format.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useNow } from '../hooks/useNow.js';
import { errorText } from '../i18n/messages.js';
import { CustomerLookupInput } from '../tickets/CustomerLookupInput.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { CallbackActions, CallbackTags } from './CallbackActions.js';
import { FollowUpDialog } from './FollowUpDialog.js';
import { ScheduleCallbackDialog } from './ScheduleCallbackDialog.js';
import { TicketDrawers } from './TicketDrawers.js';
import { useLive } from './useLive.js';
import { useAgentSession } from './useSession.js';

type Scope = 'mine' | 'team';
type CbStatus = 'scheduled' | 'done' | 'cancelled' | 'all';
type FuStatus = 'open' | 'done' | 'unreachable' | 'all';
const SCHEDULE_KEY = { code: 'KeyB', ctrl: true, shift: true };

/** Callbacks (mine / the team's, released ones to take) and follow-ups (回访; complaints for supervisors). */
export function CallbacksScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const session = useAgentSession();
  const me = session?.agent?.username ?? null;
  const openDetail = useTicketUiStore((s) => s.openDetail);
  const now = useNow(30_000);
  const [scope, setScope] = useState<Scope>('mine');
  const [status, setStatus] = useState<CbStatus>('scheduled');
  const [fuScope, setFuScope] = useState<Scope>('mine');
  const [fuStatus, setFuStatus] = useState<FuStatus>('open');
  const [picking, setPicking] = useState(false);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [followUp, setFollowUp] = useState<FollowUp | null>(null);
  const callbacks = useLive('callbacks:list', { scope, status, limit: 200 }, { kinds: ['callbacks'], intervalMs: 30_000 });
  const followUps = useLive('followUps:list', { scope: fuScope, status: fuStatus, limit: 200 }, { kinds: ['followUps'], tickets: true, intervalMs: 60_000 });
  // With a ticket open over the list, the same keys schedule for that ticket (its panel owns them).
  const ticketOpen = useTicketUiStore((st) => st.detailId !== null);
  useHotkey(SCHEDULE_KEY, () => setPicking(true), !picking && customer === null && !ticketOpen);

  return (
    <div className="work-screen" data-testid="callbacks-screen">
      <Flex vertical gap={12}>
        <Card
          size="small"
          title={t('work.callback.listTitle')}
          data-testid="callback-list"
          extra={
            <Flex gap={8} wrap="wrap" align="center">
              <Segmented<Scope> size="small" value={scope} onChange={setScope} options={(['mine', 'team'] as const).map((v) => ({ value: v, label: t(`work.scope.${v}`) }))} aria-label={t('work.scope.label')} data-testid="callback-scope" />
              <Segmented<CbStatus> size="small" value={status} onChange={setStatus} options={(['scheduled', 'done', 'cancelled', 'all'] as const).map((v) => ({ value: v, label: t(`work.callback.filter.${v}`) }))} aria-label={t('work.callback.filterLabel')} />
              <Button size="small" type="text" icon={<ReloadOutlined />} onClick={callbacks.reload} aria-label={t('common.refresh')} />
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="callback-new">
                {t('work.callback.schedule')} <kbd className="btn-kbd">{t('work.keys.callback')}</kbd>
              </Button>
            </Flex>
          }
        >
          {picking && (
            <Form layout="inline" style={{ marginBottom: 8 }}>
              <Form.Item label={t('work.callback.customer')} style={{ flex: 1 }}>
                <CustomerLookupInput
                  autoFocus
                  placeholder={t('work.callback.customerPlaceholder')}
                  ariaLabel={t('work.callback.customer')}
                  testId="callback-customer"
                  onPick={(c) => {
                    setPicking(false);
                    setCustomer(c);
                  }}
                />
              </Form.Item>
              <Button size="small" onClick={() => setPicking(false)}>
                {t('common.cancel')}
              </Button>
            </Form>
          )}
          {callbacks.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, callbacks.error) })} />}
          {callbacks.value && callbacks.value.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.callback.none')} />}
          {callbacks.value?.map((cb) => (
            <Flex key={cb.id} justify="space-between" align="center" gap={8} wrap="wrap" data-testid="callback-item" data-callback-id={cb.id} style={{ padding: '6px 0', borderBottom: '1px solid rgba(128,128,128,0.15)' }}>
              <div style={{ minWidth: 0 }}>
                <Flex gap={8} align="center" wrap="wrap">
                  <Typography.Text strong>
                    {cb.customerName} · {cb.phone}
                  </Typography.Text>
                  <CallbackTags callback={cb} />
                  {cb.ticketId && (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => cb.ticketId && openDetail(cb.ticketId)}>
                      {cb.ticketNo}
                    </Button>
                  )}
                </Flex>
                <Typography.Text type={cb.overdue && cb.status === 'scheduled' ? 'danger' : 'secondary'}>
                  {t('work.callback.dueAtText', { at: formatDateTime(cb.dueAt) })}
                  {scope === 'team' ? ` · ${t('work.callback.owner', { who: cb.ownerId })}` : ''}
                  {cb.note ? ` · ${cb.note}` : ''}
                  {cb.outcome ? ` · ${t('work.callback.outcomeText', { text: cb.outcome })}` : ''}
                </Typography.Text>
              </div>
              <CallbackActions callback={cb} me={me} onChanged={callbacks.reload} />
            </Flex>
          ))}
        </Card>

        <Card
          size="small"
          title={t('work.followUp.listTitle')}
          data-testid="follow-up-list"
          extra={
            <Flex gap={8} wrap="wrap">
              <Segmented<Scope> size="small" value={fuScope} onChange={setFuScope} options={(['mine', 'team'] as const).map((v) => ({ value: v, label: t(`work.scope.${v}`) }))} aria-label={t('work.scope.label')} />
              <Segmented<FuStatus> size="small" value={fuStatus} onChange={setFuStatus} options={(['open', 'done', 'unreachable', 'all'] as const).map((v) => ({ value: v, label: t(`work.followUp.filter.${v}`) }))} aria-label={t('work.followUp.filterLabel')} />
            </Flex>
          }
        >
          {followUps.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, followUps.error) })} />}
          {followUps.value && followUps.value.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.followUp.none')} />}
          {followUps.value?.map((f) => (
            <Flex key={f.id} justify="space-between" align="center" gap={8} wrap="wrap" data-testid="follow-up-item" style={{ padding: '6px 0', borderBottom: '1px solid rgba(128,128,128,0.15)' }}>
              <div style={{ minWidth: 0 }}>
                <Flex gap={8} align="center" wrap="wrap">
                  {f.kind === 'complaint' && <Tag color="magenta">{t('work.followUp.kind.complaint')}</Tag>}
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openDetail(f.ticketId)}>
                    {f.ticketNo}
                  </Button>
                  <Typography.Text strong className="one-line" title={f.customerName}>
                    {f.customerName}
                  </Typography.Text>
                  {f.customerPhone && (
                    <Typography.Text className="one-line tabular" title={f.customerPhone}>
                      {f.customerPhone}
                    </Typography.Text>
                  )}
                  {f.status !== 'open' && <Tag>{t(`work.followUp.status.${f.status}`)}</Tag>}
                  {f.satisfaction !== null && <Tag color={f.satisfaction <= 2 ? 'red' : 'green'}>{t('work.followUp.scoreTag', { score: f.satisfaction })}</Tag>}
                </Flex>
                <Typography.Text type={f.status === 'open' && Date.parse(f.dueAt) < now ? 'danger' : 'secondary'}>
                  {f.subject} · {t('work.followUp.dueAt', { at: formatDateTime(f.dueAt) })}
                  {f.reason ? ` · ${f.reason}` : ''}
                </Typography.Text>
              </div>
              {f.status === 'open' && (
                <Button size="small" onClick={() => setFollowUp(f)} data-testid="follow-up-record">
                  {t('work.followUp.record')}
                </Button>
              )}
            </Flex>
          ))}
        </Card>
      </Flex>
      {customer && (
        <ScheduleCallbackDialog
          customerId={customer.id}
          customerName={customer.name}
          phone={customer.phones[0]?.raw ?? null}
          onCancel={() => setCustomer(null)}
          onDone={() => {
            setCustomer(null);
            callbacks.reload();
          }}
        />
      )}
      {followUp && (
        <FollowUpDialog
          followUp={followUp}
          onCancel={() => setFollowUp(null)}
          onDone={() => {
            setFollowUp(null);
            followUps.reload();
          }}
        />
      )}
      <TicketDrawers />
    </div>
  );
}
