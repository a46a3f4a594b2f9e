import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * An article body, sanitised: raw HTML is never rendered (react-markdown's
 * default, and `skipHtml` drops it from the output altogether), images are not
 * loaded (the workstation makes no remote loads; the alt text stands in), and
 * links do not navigate the app: they show their address as text to copy.
 */
function ArticleMarkdownImpl({ body, testId }: { body: string; testId?: string }): React.JSX.Element {
  const { t } = useTranslation();
  const components: Components = {
    img: ({ alt }) => <span className="kb-md-image">{alt ? t('kb.article.image', { alt }) : t('kb.article.imageNoAlt')}</span>,
    a: ({ href, children }) => {
      const text = typeof children === 'string' ? children : null;
      const showUrl = href && href !== text && !href.startsWith('#');
      return (
        <span className="kb-md-link" title={t('kb.article.linkTitle')}>
          {children}
          {showUrl && <span className="kb-md-url">{t('kb.article.linkUrl', { url: href })}</span>}
        </span>
      );
    },
  };
  return (
    <div className="kb-markdown" data-testid={testId}>
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {body}
      </Markdown>
    </div>
  );
}

export const ArticleMarkdown = memo(ArticleMarkdownImpl);
