import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { entityFieldLabel, fieldValueText, type FieldRow } from './problemFields.js';

/** Long values (descriptions) fold after a few lines; the agent can unfold them to compare every word. */
function Value({ text, testId }: { text: string; testId: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph
      className="sync-diff-value"
      ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? t('common.showLess') : t('common.showMore')) }}
      data-testid={testId}
    >
      {text}
    </Typography.Paragraph>
  );
}

/** This PC's value beside the server's, one field per row, differing rows marked in words as well as colour. */
export function ProblemFieldTable({ rows }: { rows: FieldRow[] }): React.JSX.Element {
  const { t } = useTranslation();
  if (rows.length === 0) {
    return (
      <Typography.Paragraph type="secondary" className="sync-diff-empty">
        {t('sync.problemsDrawer.noFields')}
      </Typography.Paragraph>
    );
  }
  return (
    <table className="sync-diff" data-testid="problem-fields">
      <thead>
        <tr>
          <th scope="col">{t('sync.problemsDrawer.field')}</th>
          <th scope="col">{t('sync.problemsDrawer.local')}</th>
          <th scope="col">{t('sync.problemsDrawer.server')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.differs ? 'sync-diff-differs' : undefined} data-testid="problem-field" data-field={row.field} data-differs={row.differs}>
            <th scope="row">
              {entityFieldLabel(t, row.entity, row.field)}
              {row.lost && (
                <Tag color="warning" className="sync-diff-lost">
                  {t('sync.problemsDrawer.lost')}
                </Tag>
              )}
            </th>
            <td>
              <Value text={fieldValueText(t, row.field, row.local)} testId="problem-field-local" />
            </td>
            <td>
              <Value text={row.onServer ? fieldValueText(t, row.field, row.server) : t('sync.problemsDrawer.notOnServer')} testId="problem-field-server" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
