import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/kb/schema.js';
import { formatDateTime } from '../format.js';

export function ArticleMeta({ article }: { article: Article }): React.JSX.Element {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Descriptions
      size="small"
      column={3}
      className="kb-meta"
      data-testid="kb-article-meta"
      items={[
        { key: 'product', label: t('kb.fields.product'), children: article.product ?? t('kb.meta.anyProduct') },
        { key: 'category', label: t('kb.fields.category'), children: article.category },
        { key: 'version', label: t('kb.meta.versionLabel'), children: <span data-testid="kb-article-version">{t('kb.meta.versionValue', { version: article.version })}</span> },
        {
          key: 'tags',
          label: t('kb.fields.tags'),
          span: 3,
          children: article.tags.length ? article.tags.map((tag) => <Tag key={tag} className="kb-tag-chip">{tag}</Tag>) : none,
        },
        { key: 'author', label: t('kb.meta.author'), children: article.authorId },
        { key: 'updated', label: t('kb.meta.updated'), children: formatDateTime(article.updatedAt) },
        { key: 'usage', label: t('kb.meta.usageLabel'), children: t('kb.meta.times', { count: article.usageCount }) },
      ]}
    />
  );
}
