import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribe } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { TicketDetailDrawer } from './TicketDetailDrawer.js';
import { TicketFilters } from './TicketFilters.js';
import { TicketFormDrawer } from './TicketFormDrawer.js';
import { useTicketListStore } from './ticketListStore.js';
import { TicketTable } from './TicketTable.js';
import { useTicketUiStore } from './ticketUiStore.js';
import { Hint } from '../app/Hint.js';
// ---- archiving (issue 18 point 3)
import { ArchivedHint } from '../archive/ArchivedHint.js';

const NEW_TICKET = { code: 'KeyN', ctrl: true };

export function TicketsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const load = useTicketListStore((s) => s.load);
  const loading = useTicketListStore((s) => s.loading);
  const loadedAt = useTicketListStore((s) => s.loadedAt);
  const formOpen = useTicketUiStore((s) => s.form !== null);
  const openCreate = useTicketUiStore((s) => s.openCreate);
  const searchText = useTicketListStore((s) => s.filters.q);

  useEffect(() => {
    void load();
    // Local saves and synced changes from other PCs (origin 'sync') both arrive here; the list follows without a
    // click, keeping the open ticket and the scroll position (the table is not remounted, only its rows change).
    return subscribe('tickets:changed', () => useTicketListStore.getState().refresh());
  }, [load]);

  useHotkey(NEW_TICKET, () => {
    if (!useTicketUiStore.getState().form) openCreate();
  });

  const newLabel = t('common.withShortcut', { label: t('tickets.newTicket'), keys: t('keys.newTicket') });
  return (
    <Flex vertical gap={8} className="tickets-screen">
      <h1 className="sr-only">{t('tickets.title')}</h1>
      <Flex gap={8} align="center">
        <Hint title={newLabel}>
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={openCreate} disabled={formOpen} aria-keyshortcuts="Control+N" data-testid="new-ticket-button">
            {t('tickets.newTicket')}
            <kbd className="btn-kbd">{t('keys.newTicket')}</kbd>
          </Button>
        </Hint>
        <TicketFilters />
        <Flex gap={4} align="center" style={{ flexShrink: 0 }}>
          <Hint title={loadedAt ? `${t('common.refresh')} · ${t('tickets.lastUpdated', { time: formatDateTime(loadedAt, true) })}` : t('common.refresh')}>
            <Button size="small" type="text" icon={<ReloadOutlined spin={loading} />} onClick={() => void load()} aria-label={t('common.refresh')} data-testid="refresh-button" />
          </Hint>
        </Flex>
      </Flex>
      <ArchivedHint q={searchText} testId="archived-hint-search" />
      <TicketTable />
      <TicketDetailDrawer />
      <TicketFormDrawer />
    </Flex>
  );
}
