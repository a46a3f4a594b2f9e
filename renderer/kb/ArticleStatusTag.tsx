import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArticleStatus } from '../../shared/kb/schema.js';

const COLORS: Record<ArticleStatus, string> = { published: 'green', draft: 'gold', retired: 'default' };

export function ArticleStatusTag({ status, testId }: { status: ArticleStatus; testId?: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={testId} data-status={status} className="kb-status-tag">
      {t(`kb.status.${status}`)}
    </Tag>
  );
}
