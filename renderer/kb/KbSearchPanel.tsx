import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Input, Select, Spin, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { KB_LIMITS } from '../../shared/kb/schema.js';
import { useNavStore } from '../app/navStore.js';
import { errorText } from '../i18n/messages.js';
import { KbEmptyState } from './KbEmptyState.js';
import { KbResultItem } from './KbResultItem.js';
import { EMPTY_QUERY, useKbUiStore, type KbStatusFilter } from './kbUiStore.js';
import { useKbFacets } from './useKbFacets.js';
import { useKbSearch } from './useKbSearch.js';
import { searchable } from '../app/selectSearch.js';
import { EMPTY_FILTERS, useTicketListStore } from '../tickets/ticketListStore.js';

const STATUS_FILTERS: readonly KbStatusFilter[] = ['published', 'draft', 'retired', 'all'];

/**
 * Search as you type, with the keyboard only: ↓ from the box into the
 * results, ↑/↓ through them (each shows on the right as it gets focus),
 * Enter moves into the article, Esc comes back to the box.
 */
export function KbSearchPanel({ onEnterArticle }: { onEnterArticle(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const query = useKbUiStore((s) => s.query);
  const setQuery = useKbUiStore((s) => s.setQuery);
  const selectedId = useKbUiStore((s) => s.selectedId);
  const select = useKbUiStore((s) => s.select);
  const facets = useKbFacets();
  const { result, error, loading } = useKbSearch(query);
  const boxRef = useRef<InputRef>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const focusRequest = useNavStore((s) => s.kbFocusRequest);

  useEffect(() => {
    boxRef.current?.focus({ cursor: 'all' });
  }, [focusRequest]);

  const hits = result?.hits ?? [];
  const focusHit = (index: number): void => {
    const hit = hits[Math.max(0, Math.min(hits.length - 1, index))];
    if (hit) items.current.get(hit.id)?.focus();
  };

  const onBoxKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' && hits.length > 0) {
      e.preventDefault();
      const at = hits.findIndex((h) => h.id === selectedId);
      focusHit(at >= 0 ? at : 0);
    } else if (e.key === 'Enter' && hits[0]) {
      e.preventDefault();
      const hit = hits.find((h) => h.id === selectedId) ?? hits[0];
      select(hit.id);
      onEnterArticle();
    }
  };

  const onItemKeyDown = (index: number) => (e: React.KeyboardEvent<HTMLLIElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusHit(index + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (index === 0) boxRef.current?.focus();
      else focusHit(index - 1);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      focusHit(e.key === 'Home' ? 0 : hits.length - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onEnterArticle();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      boxRef.current?.focus({ cursor: 'all' });
    }
  };

  const filtered = query.product !== null || query.category !== null || query.status !== EMPTY_QUERY.status;
  const freshPc = result !== null && result.total === 0 && query.q.trim() === '' && !filtered && !loading;

  return (
    <Flex vertical gap={6} className="kb-search-panel" role="search" aria-label={t('kb.search.label')}>
      <Input
        ref={boxRef}
        allowClear
        prefix={<SearchOutlined />}
        suffix={<span className="kb-search-spin">{loading && <Spin size="small" />}</span>}
        placeholder={t('kb.search.placeholder')}
        aria-label={t('kb.search.label')}
        aria-keyshortcuts="Control+K"
        aria-controls="kb-results"
        data-testid="kb-search"
        value={query.q}
        maxLength={KB_LIMITS.query}
        onChange={(e) => setQuery({ q: e.target.value })}
        onKeyDown={onBoxKeyDown}
      />
      <Flex gap={6}>
        <Select
          {...searchable}
          size="small"
          allowClear
          placeholder={t('kb.search.allProducts')}
          aria-label={t('kb.search.product')}
          data-testid="kb-filter-product"
          value={query.product}
          onChange={(product: string | undefined) => setQuery({ product: product ?? null })}
          options={facets.products.map((p) => ({ value: p.value, label: t('kb.search.facet', { value: p.value, count: p.count }) }))}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Select
          {...searchable}
          size="small"
          allowClear
          placeholder={t('kb.search.allCategories')}
          aria-label={t('kb.search.category')}
          data-testid="kb-filter-category"
          value={query.category}
          onChange={(category: string | undefined) => setQuery({ category: category ?? null })}
          options={facets.categories.map((c) => ({ value: c.value, label: t('kb.search.facet', { value: c.value, count: c.count }) }))}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Select
          {...searchable}
          size="small"
          aria-label={t('kb.search.status')}
          data-testid="kb-filter-status"
          value={query.status}
          onChange={(status: KbStatusFilter) => setQuery({ status })}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`kb.statusFilter.${s}`) }))}
          style={{ width: 96, flexShrink: 0 }}
        />
      </Flex>
      <Flex justify="space-between" align="baseline" className="kb-count">
        <Typography.Text type="secondary" data-testid="kb-count" aria-live="polite">
          {result ? t(query.q.trim() ? (result.totalExact === false ? 'kb.search.countAbout' : 'kb.search.count') : 'kb.search.countNewest', { total: result.total, ms: Math.max(0, Math.round(result.tookMs)) }) : t('app.loading')}
        </Typography.Text>
        <Typography.Text type="secondary" className="kb-keys-hint">
          {t('kb.search.hint')}
        </Typography.Text>
      </Flex>
      {error && <Alert type="error" showIcon title={t('kb.search.failed', { error: errorText(t, error) })} />}
      {freshPc ? (
        <KbEmptyState />
      ) : (
        <ul id="kb-results" role="listbox" aria-label={t('kb.search.results')} className="kb-results" data-testid="kb-results" data-loading={loading}>
          {hits.map((hit, i) => (
            <KbResultItem
              key={hit.id}
              hit={hit}
              selected={hit.id === selectedId}
              itemRef={(el) => {
                if (el) items.current.set(hit.id, el);
                else items.current.delete(hit.id);
              }}
              onOpen={() => select(hit.id)}
              onFocus={() => select(hit.id)}
              onKeyDown={onItemKeyDown(i)}
            />
          ))}
          {result && result.total > hits.length && (
            <li className="kb-results-more" data-testid="kb-results-more">
              {t('kb.search.more', { shown: hits.length, total: result.total })}
            </li>
          )}
          {result && hits.length === 0 && (
            <li className="kb-results-empty">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="kb-no-results">{t('kb.search.none')}</span>}>
                {query.q.trim() !== '' && <NoResultsWords words={result.words ?? []} />}
                <Typography.Text type="secondary">{t('kb.search.noneHint')}</Typography.Text>
              </Empty>
            </li>
          )}
        </ul>
      )}
    </Flex>
  );
}

/** Issue 17: what was searched (filler left out), and the same words in the tickets search. */
function NoResultsWords({ words }: { words: readonly string[] }): React.JSX.Element {
  const { t } = useTranslation();
  const searchTickets = (): void => {
    useTicketListStore.getState().setFilters({ ...EMPTY_FILTERS, q: words.map((w) => w.replace(/["“”]/g, '')).join(' ') });
    useNavStore.getState().go('tickets');
  };
  return (
    <Flex vertical align="center" gap={6} style={{ marginBottom: 6 }}>
      <Flex wrap gap={4} align="center" justify="center" data-testid="kb-searched-words">
        <Typography.Text type="secondary">{t('kb.search.searchedWords')}</Typography.Text>
        {words.length === 0 ? (
          <Typography.Text type="secondary">{t('kb.search.noWords')}</Typography.Text>
        ) : (
          words.map((w) => (
            <Tag key={w} style={{ marginInlineEnd: 0 }}>
              {w}
            </Tag>
          ))
        )}
      </Flex>
      {words.length > 0 && (
        <Button size="small" icon={<SearchOutlined />} onClick={searchTickets} data-testid="kb-search-tickets">
          {t('kb.search.searchTickets')}
        </Button>
      )}
    </Flex>
  );
}
