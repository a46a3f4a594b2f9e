import { Alert, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../shared/desk/schema.js';
import { formatDateTime } from '../format.js';
import { formatDuration } from './slaView.js';
import { dispositionLabel } from '../desk/labels.js';
import { useConsoleConfig } from './useConsoleConfig.js';
import { errorText } from '../i18n/messages.js';
import { useLive } from './useLive.js';

/** Talk time from the stored timestamps; a call still running counts to now. */
export function talkMs(c: Call, now = Date.now()): number {
  if (!c.answerAt) return 0;
  const end = c.endAt ? Date.parse(c.endAt) : now;
  return Math.max(0, end - Date.parse(c.answerAt) - c.holdSeconds * 1000);
}

export function TicketCalls({ calls }: { calls: Call[] }): React.JSX.Element {
  const { t } = useTranslation();
  const config = useConsoleConfig();
  if (calls.length === 0) return <Typography.Text type="secondary">{t('work.calls.none')}</Typography.Text>;
  const dayWord = (days: number): string => t('work.sla.days', { n: days });
  return (
    <List
      size="small"
      data-testid="ticket-calls"
      dataSource={[...calls].sort((a, b) => b.ringAt.localeCompare(a.ringAt))}
      renderItem={(c) => (
        <List.Item key={c.id} data-testid="ticket-call">
          <Typography.Text>
            <Tag>{t(`work.calls.direction.${c.direction}`)}</Tag>
            <span className="one-line tabular" title={c.number}>
              {c.number}
            </span>{' '}
            · {formatDateTime(c.ringAt)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {c.status === 'missed' ? t('work.calls.missed') : t('work.calls.talk', { time: formatDuration(talkMs(c), dayWord) })}
            {c.disposition ? ` · ${dispositionLabel(t, config?.dispositions.find((d) => d.code === c.disposition), c.disposition)}` : ''}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

/** The ticket's calls, under its customer: who called, when, how long, how it ended. */
export function TicketCallsSection({ ticketId }: { ticketId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const calls = useLive('calls:forTicket', { ticketId }, { kinds: ['calls'], tickets: ticketId });
  return (
    <section aria-label={t('work.panel.calls')}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('work.panel.calls')}
      </Typography.Title>
      {calls.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, calls.error) })} />}
      {calls.value && <TicketCalls calls={calls.value} />}
    </section>
  );
}
