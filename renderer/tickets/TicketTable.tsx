import { Alert, Button, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../../shared/tickets/schema.js';
import { useElementSize } from '../hooks/useElementSize.js';
import { errorText } from '../i18n/messages.js';
import { ticketColumns } from './ticketColumns.js';
import { PAGE_SIZES, useTicketListStore } from './ticketListStore.js';
import { useTicketUiStore } from './ticketUiStore.js';

// Header row and pagination bar are outside the virtual body's scroll height.
const CHROME_HEIGHT = 40 + 44;
// Room for the body's vertical scrollbar, so the last column is never under it.
const SCROLLBAR = 12;

export function TicketTable(): React.JSX.Element {
  const { t } = useTranslation();
  const { items, total, page, pageSize, loading, error, setPage, load } = useTicketListStore();
  const detailId = useTicketUiStore((s) => s.detailId);
  const openDetail = useTicketUiStore((s) => s.openDetail);
  const [ref, size] = useElementSize<HTMLDivElement>();
  const tableWidth = size.width - SCROLLBAR;
  // `t` changes identity with the language, so the translated titles follow a switch.
  const { columns, totalWidth } = useMemo(() => ticketColumns(t, tableWidth), [t, tableWidth]);
  const bodyHeight = Math.max(120, size.height - CHROME_HEIGHT);

  return (
    <div ref={ref} className="ticket-table-wrap" data-testid="ticket-table">
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('tickets.loadFailed', { error: errorText(t, error) })}
          action={
            <Button size="small" onClick={() => void load()}>
              {t('common.retry')}
            </Button>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      <Table<TicketSummary>
        size="small"
        rowKey="id"
        virtual
        columns={columns}
        dataSource={items}
        loading={loading && items.length === 0}
        scroll={{ x: totalWidth, y: bodyHeight }}
        locale={{ emptyText: t('tickets.empty') }}
        rowClassName={(row) => (row.id === detailId ? 'ticket-row ant-table-row-selected' : 'ticket-row')}
        onRow={(row) =>
          ({
            'data-testid': 'ticket-row',
            'data-ticket-id': row.id,
            'data-ticket-no': row.no,
            tabIndex: 0,
            'aria-label': t('tickets.openDetail', { no: row.no }),
            onClick: () => openDetail(row.id),
            onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                openDetail(row.id);
              } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                // Rows are the natural unit for an agent scanning a queue: arrows move between them.
                const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="ticket-row"]'));
                const i = rows.indexOf(e.currentTarget);
                const next = rows[e.key === 'ArrowDown' ? i + 1 : i - 1];
                if (next) {
                  e.preventDefault();
                  next.focus();
                }
              }
            },
          }) as React.HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize,
          total,
          size: 'small',
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (n) => t('tickets.count', { total: n }),
          onChange: (p, s) => setPage(p, s),
        }}
      />
    </div>
  );
}
