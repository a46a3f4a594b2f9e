import { Empty, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketHistoryEntry } from '../../shared/tickets/schema.js';
import { formatDateTime } from '../format.js';
import { useLive } from '../work/useLive.js';
import { HistoryChanges } from './HistoryChanges.js';
import { historyNoteLabel } from './historyText.js';
import { historyWords, type HistoryContext } from './historyWords.js';

const ACTION_COLORS: Record<TicketHistoryEntry['action'], string> = {
  created: 'green',
  updated: 'gray',
  transition: 'blue',
  contact: 'cyan',
  handoff_answered: 'purple',
  call_linked: 'gray',
  follow_up: 'gold',
};

interface Props {
  history: TicketHistoryEntry[];
  ticketId: string;
  ticketNo: string;
  customer: { id: string; name: string };
}

/** People by display name and calls by number and time: the history names what the agent knows, never a row id. */
function useHistoryContext({ ticketId, ticketNo, customer }: Omit<Props, 'history'>): HistoryContext {
  const directory = useLive('directory:list', {});
  const calls = useLive('calls:forTicket', { ticketId }, { kinds: ['calls'], tickets: ticketId });
  return useMemo(() => {
    const names = new Map((directory.value?.people ?? []).map((p) => [p.username.toLowerCase(), p.displayName]));
    const callTexts = new Map((calls.value ?? []).map((c) => [c.id, `${c.number} · ${formatDateTime(c.ringAt)}`]));
    return {
      nameOf: (username) => names.get(username.toLowerCase()) ?? username,
      ticketNo,
      customer,
      callText: (id) => callTexts.get(id) ?? null,
    };
  }, [directory.value, calls.value, ticketNo, customer]);
}

export function HistoryTimeline({ history, ...about }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const ctx = useHistoryContext(about);
  if (history.length === 0) {
    return (
      <div data-testid="history-list">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.detail.historyEmpty')} />
      </div>
    );
  }
  // Newest first: the agent on the phone needs the latest step; the origin is one scroll away.
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <div data-testid="history-list">
      <Timeline
        items={entries.map((entry) => {
          const words = historyWords(t, entry, ctx);
          return {
            key: entry.id,
            color: ACTION_COLORS[entry.action],
            content: (
              <div data-testid="history-entry" data-action={entry.action}>
                <div>
                  <Typography.Text strong data-testid="history-headline">
                    {words.headline}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {formatDateTime(entry.at)} · {t('tickets.detail.by', { actor: ctx.nameOf(entry.actorId) })}
                  </Typography.Text>
                </div>
                <HistoryChanges lines={words.lines} />
                {entry.note && !words.noteInLines && (
                  <Typography.Paragraph className="pre-wrap history-note" style={{ marginBottom: 0 }}>
                    {t('common.labelColon', { label: historyNoteLabel(t, entry.action) })}
                    {entry.note}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
