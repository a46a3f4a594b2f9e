import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { errorText } from '../i18n/messages.js';
import { CallBar } from './CallBar.js';
import { useCallStore } from './callStore.js';
import { ConsoleTicketForm } from './ConsoleTicketForm.js';
import { useConsoleStore } from './consoleStore.js';
import { usePopStore } from './popStore.js';
import { MissedCalls } from './MissedCalls.js';
import { ScreenPop } from './ScreenPop.js';
import { WaitingCalls } from './WaitingCalls.js';
import { AnnouncementBanner } from '../announcements/AnnouncementBanner.js';
import './desk.css';

const NEW_TICKET = { code: 'KeyN', ctrl: true };
const LINK_CALL = { code: 'KeyL', ctrl: true };

/**
 * The agent console: the call bar on top, the caller (screen-pop) on the
 * left, the ticket form with its knowledge panel beside it. Ctrl+N registers
 * a ticket (linked to the call and the caller during a call), Ctrl+L links the
 * call to the ticket chosen in the screen-pop.
 */
export function ConsoleScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = useCallStore((s) => s.current);
  const loaded = useCallStore((s) => s.loaded);
  const form = useConsoleStore((s) => s.form);
  const openForm = useConsoleStore((s) => s.openForm);
  const pop = usePopStore((s) => (current && s.number === current.number ? s.pop : null));

  const callId = current?.id ?? null;
  const number = current?.number ?? null;
  useEffect(() => {
    void usePopStore.getState().show(number);
  }, [number]);

  // The first open ticket is the likeliest one the caller is calling about.
  useEffect(() => {
    if (!pop?.customer) return;
    const ui = useConsoleStore.getState();
    const all = [...pop.openTickets, ...pop.recentTickets];
    if (!ui.selectedTicketId || !all.some((x) => x.id === ui.selectedTicketId)) ui.selectTicket(pop.openTickets[0]?.id ?? null);
  }, [pop]);

  // After a reload or a crash the form comes back by itself when a draft is waiting (the call's first, else the unlinked one).
  useEffect(() => {
    if (!loaded || useConsoleStore.getState().form) return;
    const key = callId ? `call:${callId}` : 'new';
    let alive = true;
    void call('drafts:get', { key }).then((r) => {
      if (!alive || !r.ok || !r.value || useConsoleStore.getState().form) return;
      useConsoleStore.getState().openForm(callId ? { key, callId } : { key });
    });
    return () => {
      alive = false;
    };
  }, [loaded, callId]);

  const createTicket = (): void => {
    if (form && (!callId || form.key === `call:${callId}`)) {
      useConsoleStore.getState().focusForm();
      return;
    }
    if (!current) return openForm({ key: 'new' });
    const customer = pop?.customer ?? undefined;
    openForm({ key: `call:${current.id}`, callId: current.id, phone: current.number, ...(customer ? { customer } : {}) });
  };

  const link = async (): Promise<void> => {
    const ticketId = useConsoleStore.getState().selectedTicketId;
    if (!current || !ticketId) return;
    const r = await useCallStore.getState().link(ticketId);
    if (!r) return;
    if (!r.ok) {
      void message.error(t('desk.call.actionFailed', { error: errorText(t, r.error) }));
      return;
    }
    const ticket = [...(pop?.openTickets ?? []), ...(pop?.recentTickets ?? [])].find((x) => x.id === ticketId);
    void message.success({ content: <span data-testid="toast-call-linked">{t('desk.pop.linkDone', { no: ticket?.no ?? '' })}</span> });
  };

  useHotkey(NEW_TICKET, createTicket);
  useHotkey(LINK_CALL, () => void link(), current !== null);

  return (
    <Flex vertical gap={12} className="console-screen" data-testid="console-screen">
      <CallBar />
      <WaitingCalls />
      <AnnouncementBanner />
      <Flex gap={12} align="flex-start" className="console-body">
        <div className="console-pop">
          <ScreenPop call={current} onCreateTicket={createTicket} onLink={() => void link()} />
          <MissedCalls compact />
        </div>
        <div className="console-main">
          {form ? (
            <ConsoleTicketForm key={`${form.key}#${form.opening}`} spec={form} />
          ) : (
            <Card className="console-form" data-testid="console-form-empty">
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <Flex vertical gap={4}>
                    <Typography.Text>{t('desk.form.empty')}</Typography.Text>
                    <Typography.Text type="secondary">{t('desk.form.emptyHint', { newTicket: t('desk.keys.newTicket') })}</Typography.Text>
                  </Flex>
                }
              >
                <Button type="primary" icon={<FileAddOutlined />} onClick={createTicket} aria-keyshortcuts="Control+N" data-testid="console-new-ticket">
                  {t('desk.form.openNew')} <kbd className="nav-kbd">{t('desk.keys.newTicket')}</kbd>
                </Button>
              </Empty>
            </Card>
          )}
        </div>
      </Flex>
    </Flex>
  );
}
