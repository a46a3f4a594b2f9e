import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, SEVERITIES } from '../../shared/tickets/schema.js';
import { TICKET_STATUSES } from '../../shared/tickets/stateMachine.js';
import { useDebouncedValue } from '../hooks/useDebouncedValue.js';
import { EMPTY_FILTERS, useTicketListStore } from './ticketListStore.js';
import { Hint } from '../app/Hint.js';
import { searchable } from '../app/selectSearch.js';

const DATE = 'YYYY-MM-DD';
const SEARCH_DEBOUNCE_MS = 300;

export function TicketFilters(): React.JSX.Element {
  const { t } = useTranslation();
  const filters = useTicketListStore((s) => s.filters);
  const setFilters = useTicketListStore((s) => s.setFilters);
  const clearFilters = useTicketListStore((s) => s.clearFilters);
  const [q, setQ] = useState(filters.q);
  const [assignee, setAssignee] = useState(filters.assigneeId);
  const debouncedQ = useDebouncedValue(q, SEARCH_DEBOUNCE_MS);
  const debouncedAssignee = useDebouncedValue(assignee, SEARCH_DEBOUNCE_MS);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (debouncedQ !== useTicketListStore.getState().filters.q) setFilters({ q: debouncedQ });
  }, [debouncedQ, setFilters]);
  useEffect(() => {
    if (debouncedAssignee !== useTicketListStore.getState().filters.assigneeId) setFilters({ assigneeId: debouncedAssignee });
  }, [debouncedAssignee, setFilters]);

  // "/" jumps to search from anywhere outside a text field, as in most consoles.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, [contenteditable="true"], .ant-select, .ant-picker');
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const dirty = JSON.stringify(filters) !== JSON.stringify(EMPTY_FILTERS) || q !== '' || assignee !== '';
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null = filters.createdFrom && filters.createdTo ? [dayjs(filters.createdFrom), dayjs(filters.createdTo)] : null;

  return (
    <Flex gap={6} wrap="wrap" align="center" role="search" aria-label={t('tickets.filters.label')} style={{ flex: 1, minWidth: 0 }}>
      <Hint title={t('common.withShortcut', { label: t('tickets.filters.search'), keys: t('keys.search') })}>
        <Input
          ref={(el) => {
            searchRef.current = el?.input ?? null;
          }}
          allowClear
          size="small"
          prefix={<SearchOutlined />}
          placeholder={t('tickets.filters.search')}
          aria-label={t('tickets.filters.search')}
          data-testid="ticket-search"
          value={q}
          maxLength={100}
          onChange={(e) => setQ(e.target.value)}
          onPressEnter={() => setFilters({ q })}
          style={{ width: 220 }}
        />
      </Hint>
      <Select
        {...searchable}
        mode="multiple"
        size="small"
        allowClear
        maxTagCount="responsive"
        placeholder={t('tickets.filters.status')}
        aria-label={t('tickets.filters.status')}
        data-testid="filter-status"
        value={filters.status}
        onChange={(status) => setFilters({ status })}
        options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        style={{ width: 150 }}
      />
      <Select
        {...searchable}
        mode="multiple"
        size="small"
        allowClear
        maxTagCount="responsive"
        placeholder={t('tickets.filters.category')}
        aria-label={t('tickets.filters.category')}
        data-testid="filter-category"
        value={filters.category}
        onChange={(category) => setFilters({ category })}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        style={{ width: 124 }}
      />
      <Select
        {...searchable}
        mode="multiple"
        size="small"
        allowClear
        maxTagCount="responsive"
        placeholder={t('tickets.filters.severity')}
        aria-label={t('tickets.filters.severity')}
        data-testid="filter-severity"
        value={filters.severity}
        onChange={(severity) => setFilters({ severity })}
        options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
        style={{ width: 108 }}
      />
      <Input
        allowClear
        size="small"
        placeholder={t('tickets.filters.assignee')}
        aria-label={t('tickets.filters.assignee')}
        data-testid="filter-assignee"
        value={assignee}
        maxLength={64}
        onChange={(e) => setAssignee(e.target.value)}
        style={{ width: 100 }}
      />
      {/* The picker copies aria-label to both of its inputs; the group names the pair, each input is named by its placeholder. */}
      <span role="group" aria-label={t('tickets.filters.created')} data-testid="filter-created" className="hint-anchor">
        <DatePicker.RangePicker
          size="small"
          placeholder={[t('tickets.filters.createdFrom'), t('tickets.filters.createdTo')]}
          value={range}
          onChange={(dates) => {
            const [from, to] = dates ?? [null, null];
            setFilters({ createdFrom: from ? from.format(DATE) : null, createdTo: to ? to.format(DATE) : null });
          }}
          style={{ width: 220 }}
        />
      </span>
      {dirty && (
        <Hint title={t('tickets.filters.clear')}>
          <Button
            size="small"
            type="text"
            icon={<ClearOutlined />}
            aria-label={t('tickets.filters.clear')}
            data-testid="filter-clear"
            onClick={() => {
              setQ('');
              setAssignee('');
              clearFilters();
            }}
          />
        </Hint>
      )}
    </Flex>
  );
}
