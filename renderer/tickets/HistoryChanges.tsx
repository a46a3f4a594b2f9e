import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketHistoryEntry } from '../../shared/tickets/schema.js';
import { fieldLabel, historyValueText } from './historyText.js';

export function HistoryChanges({ entry }: { entry: TicketHistoryEntry }): React.JSX.Element | null {
  const { t } = useTranslation();
  const changes = Object.entries(entry.changes);
  if (changes.length === 0) return null;
  return (
    <ul className="history-changes">
      {changes.map(([field, { from, to }]) => {
        // A field set at creation had no earlier value; "(empty) → x" would only add noise.
        // Console entries (contact, call linked, follow-up) record new facts, never an edit of an earlier value.
        const initial = entry.action !== 'updated' && entry.action !== 'transition' && (from === null || from === undefined);
        const toText = historyValueText(t, field, to);
        const text = initial ? toText : t('tickets.detail.changeArrow', { from: historyValueText(t, field, from), to: toText });
        return (
          <li key={field} data-testid="history-change" data-field={field}>
            <Typography.Text type="secondary">{t('common.labelColon', { label: fieldLabel(t, field) })}</Typography.Text>
            <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: '85%', verticalAlign: 'top' }}>
              {text}
            </Typography.Text>
          </li>
        );
      })}
    </ul>
  );
}
