import { App, Button } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../shared/desk/schema.js';
import { subscribe } from '../api/client.js';
import { useNavStore } from '../app/navStore.js';
import { formatDateTime } from '../format.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';

/** Screens that host the ticket drawers: a reminder opens the ticket over them instead of switching away. */
const HOSTS_DRAWERS = new Set<string>(['tickets', 'myDay', 'queue', 'callbacks']);
const WARNING_KINDS = new Set<Reminder['kind']>(['sla_warning', 'contact_owed', 'callback_due', 'follow_up_due']);

/**
 * The in-app side of reminders (the Electron shell also raises a native one):
 * what is due, for which ticket or customer, and one button to go there.
 */
export function ReminderHost(): null {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  useEffect(
    () =>
      subscribe('reminder', (r) => {
        const go = (): void => {
          notification.destroy(r.key);
          const nav = useNavStore.getState();
          if (r.ticketId) {
            if (!HOSTS_DRAWERS.has(nav.screen)) nav.go('tickets');
            useTicketUiStore.getState().openDetail(r.ticketId);
          } else if (r.callbackId) nav.go('callbacks');
        };
        const canOpen = r.ticketId !== null || r.callbackId !== null;
        // A fixed defect is good news to pass on (issue 15 point 5), not an alarm.
        const open = r.kind === 'defect_fixed' ? notification.info : WARNING_KINDS.has(r.kind) ? notification.warning : notification.error;
        open({
          key: r.key,
          title: t(`work.reminder.${r.kind}`),
          description: (
            <span data-testid="reminder" data-kind={r.kind}>
              {[r.ticketNo, r.label].filter(Boolean).join(' · ')}
              <br />
              {t('work.reminder.due', { at: formatDateTime(r.dueAt) })}
            </span>
          ),
          duration: r.kind === 'sla_breach' ? 0 : 15,
          placement: 'bottomRight',
          actions: canOpen ? (
            <Button type="primary" size="small" onClick={go} data-testid="reminder-open">
              {r.ticketId ? t('work.reminder.openTicket') : t('work.reminder.openCallbacks')}
            </Button>
          ) : undefined,
        });
      }),
    [notification, t],
  );
  return null;
}
