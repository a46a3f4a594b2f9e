import { LikeOutlined, SolutionOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KbHit } from '../../shared/kb/schema.js';
import { ArticleStatusTag } from './ArticleStatusTag.js';
import { Highlighted } from './Highlighted.js';

interface Props {
  hit: KbHit;
  selected: boolean;
  itemRef(el: HTMLLIElement | null): void;
  onOpen(): void;
  onFocus(): void;
  onKeyDown(e: React.KeyboardEvent<HTMLLIElement>): void;
}

export function KbResultItem({ hit, selected, itemRef, onOpen, onFocus, onKeyDown }: Props): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <li
      ref={itemRef}
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      className={selected ? 'kb-hit kb-hit-selected' : 'kb-hit'}
      data-testid="kb-hit"
      data-article-id={hit.id}
      onClick={onOpen}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    >
      <div className="kb-hit-title">
        {hit.status !== 'published' && <ArticleStatusTag status={hit.status} />}
        <span data-testid="kb-hit-title">
          <Highlighted text={hit.title} ranges={hit.titleHighlights} />
        </span>
      </div>
      {hit.snippet && (
        <div className="kb-hit-snippet" data-testid="kb-hit-snippet">
          <Highlighted text={hit.snippet} ranges={hit.snippetHighlights} />
        </div>
      )}
      <div className="kb-hit-meta">
        <span className="kb-hit-facts" title={[hit.product ?? t('kb.meta.anyProduct'), hit.category, ...hit.tags].join(t('common.listSeparator'))}>
          <span>{hit.product ?? t('kb.meta.anyProduct')}</span>
          <span>{hit.category}</span>
          {hit.tags.map((tag) => (
            <span key={tag} className="kb-tag">
              {tag}
            </span>
          ))}
        </span>
        <span className="kb-hit-counts">
          <span title={t('kb.meta.usageTitle')}>
            <SolutionOutlined aria-hidden /> {t('kb.meta.usage', { count: hit.usageCount })}
          </span>
          <span title={t('kb.meta.helpfulTitle')}>
            <LikeOutlined aria-hidden /> {t('kb.meta.helpful', { count: hit.helpful })}
          </span>
        </span>
      </div>
    </li>
  );
}
