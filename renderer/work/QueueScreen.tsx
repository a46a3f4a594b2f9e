import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOFF_KINDS, type Handoff, type HandoffKind } from '../../shared/desk/schema.js';
import { isReviewer } from '../../shared/roles.js';
import { searchable } from '../app/selectSearch.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { AnswerHandoffDialog, HandoffAsk, HandoffStatusTag } from './HandoffList.js';
import { slaUrgency } from './slaView.js';
import { TicketDrawers } from './TicketDrawers.js';
import { TicketLine } from './TicketLine.js';
import { useLive } from './useLive.js';
import { useDisplayNames } from './useDisplayNames.js';
import { useAgentSession } from './useSession.js';
import { useSecondTick } from './useSecondTick.js';
import { WorkOrdersPanel } from './WorkOrdersPanel.js';

type QueueStatus = 'open' | 'answered' | 'all';

/**
 * Second line's queue: open escalations, most urgent SLA first, each with
 * what was asked, by when and in what scope, so nobody calls the customer to
 * ask again. Transfers and dispatches are one switch away; work orders below.
 */
export function QueueScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const session = useAgentSession();
  const now = useSecondTick();
  const [kind, setKind] = useState<HandoffKind>('escalate');
  const [status, setStatus] = useState<QueueStatus>('open');
  const [answering, setAnswering] = useState<{ handoff: Handoff; no: string } | null>(null);
  const role = session?.agent?.role;
  // Each team works its own queue; supervisors and admins look at any team's, or all of them.
  const chooses = role === 'supervisor' || role === 'admin';
  const myTeam = session?.agent?.team ?? null;
  const [team, setTeam] = useState<string | null>(null);
  const directory = useLive('directory:list', {});
  const nameOf = useDisplayNames();
  const queue = useLive('handoffs:queue', { kind, status, limit: 200, ...(chooses && team ? { team } : {}) }, { kinds: ['handoffs'], tickets: true, intervalMs: 30_000 });
  const canAnswer = role !== undefined && isReviewer(role);
  const items = queue.value ? [...queue.value].sort((a, b) => slaUrgency(a.sla, now) - slaUrgency(b.sla, now) || a.handoff.dueBy.localeCompare(b.handoff.dueBy)) : null;

  return (
    <div className="work-screen" data-testid="queue-screen">
      <Flex align="center" gap={8} wrap="wrap" style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('work.queue.title')}
        </Typography.Title>
        <Segmented<HandoffKind> size="small" value={kind} onChange={setKind} options={HANDOFF_KINDS.map((k) => ({ value: k, label: t(`work.queue.kind.${k}`) }))} aria-label={t('work.queue.kindLabel')} data-testid="queue-kind" />
        <Segmented<QueueStatus> size="small" value={status} onChange={setStatus} options={(['open', 'answered', 'all'] as const).map((s) => ({ value: s, label: t(`work.queue.status.${s}`) }))} aria-label={t('work.queue.statusLabel')} data-testid="queue-status" />
        {chooses ? (
          <Select<string>
            {...searchable}
            size="small"
            style={{ minWidth: 160 }}
            value={team ?? ''}
            onChange={(v) => setTeam(v === '' ? null : v)}
            aria-label={t('ticketwork.queue.team')}
            data-testid="queue-team"
            options={[{ value: '', label: t('ticketwork.queue.allTeams') }, ...(directory.value?.teams ?? []).map((x) => ({ value: x, label: x }))]}
          />
        ) : (
          myTeam && (
            <Typography.Text type="secondary" data-testid="queue-own-team">
              {t('ticketwork.queue.ofTeam', { team: myTeam })}
            </Typography.Text>
          )
        )}
        <Button size="small" type="text" icon={<ReloadOutlined />} onClick={queue.reload} aria-label={t('common.refresh')} />
      </Flex>
      {queue.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, queue.error) })} style={{ marginBottom: 8 }} />}
      {!items && !queue.error && <Skeleton active />}
      {items && (
        <Card size="small" title={t('work.queue.count', { n: items.length })} data-testid="queue-list">
          {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.queue.empty')} />}
          {items.map(({ handoff, ticket, sla }) => (
            <div key={handoff.id} data-testid="queue-item" data-handoff-id={handoff.id} data-ticket-no={ticket.no}>
              <TicketLine
                ticket={ticket}
                sla={sla}
                label={t('tickets.openDetail', { no: ticket.no })}
                extra={
                  <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} role="presentation">
                    <Flex gap={8} align="center" wrap="wrap" style={{ marginTop: 4 }}>
                      <HandoffStatusTag handoff={handoff} />
                      <Typography.Text type="secondary">
                        {t('work.handoff.fromTo', { who: nameOf(handoff.coordinatorId), to: handoff.to, at: formatDateTime(handoff.createdAt) })}
                      </Typography.Text>
                      {canAnswer && handoff.status === 'open' && (
                        <Button size="small" type="primary" onClick={() => setAnswering({ handoff, no: ticket.no })} data-testid="queue-answer">
                          {t('work.handoff.answerOk')}
                        </Button>
                      )}
                    </Flex>
                    <HandoffAsk handoff={handoff} />
                    {handoff.answer && (
                      <div className="handoff-answer">
                        <Typography.Text className="pre-wrap">{handoff.answer}</Typography.Text>
                      </div>
                    )}
                  </div>
                }
              />
            </div>
          ))}
        </Card>
      )}
      <WorkOrdersPanel />
      {answering && (
        <AnswerHandoffDialog
          handoff={answering.handoff}
          ticketNo={answering.no}
          onCancel={() => setAnswering(null)}
          onDone={() => {
            setAnswering(null);
            queue.reload();
          }}
        />
      )}
      <TicketDrawers />
    </div>
  );
}
