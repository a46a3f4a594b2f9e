import { DutyTonight } from '../attendance/duty/DutyTonight.js';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp, MyDay } from '../../shared/desk/schema.js';
import { MissedCalls } from '../desk/MissedCalls.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { CallbackActions, CallbackTags } from './CallbackActions.js';
import { FollowUpDialog } from './FollowUpDialog.js';
import { slaLive, slaUrgency } from './slaView.js';
import { TicketDrawers } from './TicketDrawers.js';
import { TicketLine } from './TicketLine.js';
import { useLive } from './useLive.js';
import { useAgentSession } from './useSession.js';
import { useSecondTick } from './useSecondTick.js';
import { formatSeconds } from './timeText.js';
import { DefectNotices } from '../defects/DefectNotices.js';

/** Due lists move with the clock as well as with writes. */
const REFRESH_MS = 30_000;

/**
 * The agent's day at a glance: what is burning (open tickets, most urgent SLA
 * first), whom to call back, whom to ask how it went, and how the day is going.
 */
export function MyDayScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const session = useAgentSession();
  const live = useLive('myDay:get', {}, { kinds: ['calls', 'callbacks', 'followUps', 'handoffs', 'workOrders'], tickets: true, intervalMs: REFRESH_MS });
  const day = live.value;
  return (
    <div className="work-screen" data-testid="myday-screen">
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('work.myDay.title')}
        </Typography.Title>
        {session?.agent && <Typography.Text type="secondary">{session.agent.displayName}</Typography.Text>}
        <Button size="small" type="text" icon={<ReloadOutlined />} onClick={live.reload} aria-label={t('common.refresh')} data-testid="myday-refresh" />
        {/* issue 16 point 7: who is on duty tonight, on every seat */}
        <span style={{ marginInlineStart: 'auto' }}>
          <DutyTonight />
        </span>
      </Flex>
      {live.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, live.error) })} style={{ marginBottom: 8 }} />}
      {!day && !live.error && <Skeleton active />}
      {day && <MyDayBody day={day} me={session?.agent?.username ?? null} onChanged={live.reload} />}
      <TicketDrawers />
    </div>
  );
}

function MyDayBody({ day, me, onChanged }: { day: MyDay; me: string | null; onChanged(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const now = useSecondTick();
  const [followUp, setFollowUp] = useState<FollowUp | null>(null);
  // The core sorts by urgency at answer time; re-sorting on the live clocks keeps a ticket that just breached on top.
  const tickets = [...day.openTickets].sort((a, b) => slaUrgency(a.sla, now) - slaUrgency(b.sla, now));
  const breached = tickets.filter((x) => slaLive(x.sla, now).state === 'breached').length;
  const owed = tickets.filter((x) => x.sla.contactOwed).length;
  const s = day.today;

  return (
    <Flex vertical gap={12}>
      {/* Two groups read left to right: what is waiting on me, then how today went. */}
      <DefectNotices />
      <Card size="small" data-testid="myday-stats">
        <Flex gap={24} wrap="wrap">
          <section aria-label={t('work.myDay.waiting')} style={{ flex: '1 1 480px' }}>
            <Typography.Text type="secondary" strong>
              {t('work.myDay.waiting')}
            </Typography.Text>
            <div className="work-stats">
              <Statistic title={t('work.myDay.open')} value={tickets.length} data-testid="stat-open" />
              <Statistic title={t('work.myDay.breached')} value={breached} styles={{ content: breached > 0 ? { color: '#cf1322' } : {} }} data-testid="stat-breached" />
              <Statistic title={t('work.myDay.contactOwed')} value={owed} styles={{ content: owed > 0 ? { color: '#d4380d' } : {} }} />
              <Statistic title={t('work.myDay.callbacksDue')} value={day.callbacksDue.length} data-testid="stat-callbacks" />
              <Statistic title={t('work.myDay.followUpsDue')} value={day.followUpsDue.length} />
            </div>
          </section>
          <section aria-label={t('work.myDay.today')} style={{ flex: '1 1 480px' }}>
            <Typography.Text type="secondary" strong>
              {t('work.myDay.today')}
            </Typography.Text>
            <div className="work-stats">
              <Statistic title={t('work.myDay.calls')} value={s.calls} suffix={<Typography.Text type="secondary">{t('work.myDay.answered', { n: s.answered })}</Typography.Text>} data-testid="stat-calls" />
              <Statistic title={t('work.myDay.talk')} value={formatSeconds(s.talkSeconds)} />
              <Statistic title={t('work.myDay.aht')} value={s.ahtSeconds === null ? t('common.none') : formatSeconds(Math.round(s.ahtSeconds))} />
              <Statistic title={t('work.myDay.created')} value={s.ticketsCreated} />
              <Statistic title={t('work.myDay.resolved')} value={s.ticketsResolved} />
            </div>
          </section>
        </Flex>
      </Card>
      <Flex gap={12} wrap="wrap" align="start">
        <Card size="small" title={t('work.myDay.openTickets', { n: tickets.length })} style={{ flex: '2 1 480px', minWidth: 0 }} data-testid="myday-tickets">
          {tickets.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.myDay.noTickets')} />
          ) : (
            tickets.map(({ ticket, sla }) => <TicketLine key={ticket.id} ticket={ticket} sla={sla} label={t('tickets.openDetail', { no: ticket.no })} />)
          )}
        </Card>
        <Flex vertical gap={12} style={{ flex: '1 1 340px', minWidth: 0 }}>
          <MissedCalls />
          <Card size="small" title={t('work.myDay.callbacks', { n: day.callbacksDue.length })} data-testid="myday-callbacks">
            {day.callbacksDue.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.myDay.noCallbacks')} />
            ) : (
              day.callbacksDue.map((cb) => (
                <div key={cb.id} className="work-row" data-testid="myday-callback" data-callback-id={cb.id} style={{ padding: '6px 0', borderBottom: '1px solid rgba(128,128,128,0.15)' }}>
                  <Flex justify="space-between" gap={8} wrap="wrap">
                    <Typography.Text strong>
                      {cb.customerName} · {cb.phone}
                    </Typography.Text>
                    <CallbackTags callback={cb} />
                  </Flex>
                  <Typography.Text type={cb.overdue ? 'danger' : 'secondary'}>
                    {t('work.callback.dueAtText', { at: formatDateTime(cb.dueAt) })}
                    {cb.ticketNo ? ` · ${cb.ticketNo}` : ''}
                  </Typography.Text>
                  {cb.note && <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2 }}>{cb.note}</Typography.Paragraph>}
                  <CallbackActions callback={cb} me={me} onChanged={onChanged} />
                </div>
              ))
            )}
          </Card>
          <Card size="small" title={t('work.myDay.followUps', { n: day.followUpsDue.length })} data-testid="myday-followups">
            {day.followUpsDue.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.myDay.noFollowUps')} />
            ) : (
              day.followUpsDue.map((f) => (
                <Flex key={f.id} justify="space-between" align="center" gap={8} data-testid="myday-followup" style={{ padding: '6px 0', borderBottom: '1px solid rgba(128,128,128,0.15)' }}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong ellipsis>
                      {f.customerName} · {f.ticketNo}
                    </Typography.Text>
                    <br />
                    <Typography.Text type={Date.parse(f.dueAt) < now ? 'danger' : 'secondary'}>
                      {f.kind === 'complaint' && <Tag color="magenta">{t('work.followUp.kind.complaint')}</Tag>}
                      {t('work.followUp.dueAt', { at: formatDateTime(f.dueAt) })}
                    </Typography.Text>
                  </div>
                  <Button size="small" onClick={() => setFollowUp(f)} data-testid="followup-record">
                    {t('work.followUp.record')}
                  </Button>
                </Flex>
              ))
            )}
          </Card>
        </Flex>
      </Flex>
      {followUp && (
        <FollowUpDialog
          followUp={followUp}
          onCancel={() => setFollowUp(null)}
          onDone={() => {
            setFollowUp(null);
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}
