import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketHistoryEntry } from '../../shared/tickets/schema.js';
import { formatDateTime } from '../format.js';
import { HistoryChanges } from './HistoryChanges.js';
import { historyNoteLabel } from './historyText.js';

const ACTION_COLORS: Record<TicketHistoryEntry['action'], string> = {
  created: 'green',
  updated: 'gray',
  transition: 'blue',
  contact: 'cyan',
  handoff_answered: 'purple',
  call_linked: 'gray',
  follow_up: 'gold',
};

export function HistoryTimeline({ history }: { history: TicketHistoryEntry[] }): React.JSX.Element {
  const { t } = useTranslation();
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
        items={entries.map((entry) => ({
          key: entry.id,
          color: ACTION_COLORS[entry.action],
          content: (
            <div data-testid="history-entry" data-action={entry.action}>
              <div>
                <Typography.Text strong>{t(`historyAction.${entry.action}`)}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {formatDateTime(entry.at, true)} · {t('tickets.detail.by', { actor: entry.actorId })}
                </Typography.Text>
              </div>
              <HistoryChanges entry={entry} />
              {entry.note && (
                <Typography.Paragraph className="pre-wrap history-note" style={{ marginBottom: 0 }}>
                  {t('common.labelColon', { label: historyNoteLabel(t, entry.action) })}
                  {entry.note}
                </Typography.Paragraph>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
