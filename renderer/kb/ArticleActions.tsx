import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { App, Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_TRANSITIONS, type Article, type ArticleStatus } from '../../shared/kb/schema.js';
import { ArticleTransitionDialog } from './ArticleTransitionDialog.js';
import { useKbUiStore } from './kbUiStore.js';

/** The move an author most likely wants next is the primary button. */
const PRIMARY: Record<ArticleStatus, ArticleStatus | null> = { draft: 'published', published: null, retired: 'published' };

export function ArticleActions({ article, onChanged }: { article: Article; onChanged(a: Article): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const openEdit = useKbUiStore((s) => s.openEdit);
  const openHistory = useKbUiStore((s) => s.openHistory);
  const [to, setTo] = useState<ArticleStatus | null>(null);
  return (
    <Flex gap={6} wrap="wrap" role="group" aria-label={t('kb.article.actions')} data-testid="kb-article-actions">
      <Button size="small" icon={<EditOutlined />} onClick={() => openEdit(article)} data-testid="kb-edit">
        {t('common.edit')}
      </Button>
      {ARTICLE_TRANSITIONS[article.status].map((target) => (
        <Button key={target} size="small" type={PRIMARY[article.status] === target ? 'primary' : 'default'} onClick={() => setTo(target)} data-testid={`kb-transition-${target}`}>
          {t(`kb.transition.action.${target}`)}
        </Button>
      ))}
      <Button size="small" icon={<HistoryOutlined />} onClick={() => openHistory(article.id)} data-testid="kb-history">
        {t('kb.versions.open', { count: article.version })}
      </Button>
      {to && (
        <ArticleTransitionDialog
          article={article}
          to={to}
          onCancel={() => setTo(null)}
          onDone={(next) => {
            setTo(null);
            onChanged(next);
            void message.success({ content: <span data-testid="toast-kb-transitioned">{t('kb.transition.done', { action: t(`kb.transition.action.${to}`) })}</span> });
          }}
        />
      )}
    </Flex>
  );
}
