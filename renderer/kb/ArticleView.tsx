import { Alert, Button, Flex, Skeleton, Typography } from 'antd';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/kb/schema.js';
import { errorText } from '../i18n/messages.js';
import { ArticleActions } from './ArticleActions.js';
import { ArticleMarkdown } from './ArticleMarkdown.js';
import { ArticleMeta } from './ArticleMeta.js';
import { ArticleStatusTag } from './ArticleStatusTag.js';
import { ArticleVotes } from './ArticleVotes.js';
import { useArticle } from './useArticle.js';

interface Props {
  id: string;
  /** `peek`: read-only, beside a ticket form; `full`: with the author's actions */
  mode: 'full' | 'peek';
  /** extra buttons next to the title (e.g. "insert solution" in the ticket form) */
  extra?: (article: Article) => React.ReactNode;
  onKeyDown?: (e: React.KeyboardEvent<HTMLElement>) => void;
}

/** An article's text and facts; the body is focusable so the keyboard can scroll it. */
export const ArticleView = forwardRef<HTMLElement, Props>(function ArticleView({ id, mode, extra, onKeyDown }, ref) {
  const { t } = useTranslation();
  const { article, error, reload, accept } = useArticle(id);
  return (
    <article ref={ref} tabIndex={-1} className="kb-article" aria-label={article?.title ?? t('app.loading')} data-testid="kb-article" data-article-id={id} data-status={article?.status} onKeyDown={onKeyDown}>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('kb.article.loadFailed', { error: errorText(t, error) })}
          action={
            <Button size="small" onClick={reload}>
              {t('common.retry')}
            </Button>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      {!article && !error && <Skeleton active />}
      {article && (
        <Flex vertical gap={8}>
          <Flex align="flex-start" justify="space-between" gap={8} wrap="wrap">
            <Typography.Title level={4} className="kb-article-title" data-testid="kb-article-title">
              {article.title} <ArticleStatusTag status={article.status} testId="kb-article-status" />
            </Typography.Title>
            {extra?.(article)}
          </Flex>
          {mode === 'full' && <ArticleActions article={article} onChanged={accept} />}
          <ArticleMeta article={article} />
          <ArticleMarkdown body={article.body} testId="kb-article-body" />
          <ArticleVotes article={article} onVoted={accept} />
        </Flex>
      )}
    </article>
  );
});
