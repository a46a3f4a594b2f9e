import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Multi-line text as typed (line breaks kept), folded after a few lines so the drawer stays scannable. */
export function LongText({ text, testId }: { text: string | null; testId: string }): React.JSX.Element {
  const { t } = useTranslation();
  if (!text) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  return (
    <Typography.Paragraph className="pre-wrap" style={{ marginBottom: 0 }} data-testid={testId} ellipsis={{ rows: 8, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? t('common.showLess') : t('common.showMore')) }}>
      {text}
    </Typography.Paragraph>
  );
}
