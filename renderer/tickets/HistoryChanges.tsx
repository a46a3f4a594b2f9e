import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryWords } from './historyWords.js';

/** The details under a history headline: each changed field (or what was asked) in words. */
export function HistoryChanges({ lines }: { lines: HistoryWords['lines'] }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <ul className="history-changes">
      {lines.map(({ key, label, text }) => (
        <li key={key} data-testid="history-change" data-field={key}>
          <Typography.Text type="secondary">{t('common.labelColon', { label })}</Typography.Text>
          <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: '85%', verticalAlign: 'top' }}>
            {text}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
