import { Notification } from 'electron';
import type { Reminder } from '../../shared/desk/schema.js';
import type { UiSettings } from '../../shared/settings.js';
import { t, type MessageKey } from './messages.js';

/**
 * The core's `reminder` events as native notifications, worded in the UI's
 * language at the moment they fire. The console shows the same reminder as a
 * banner; the notification is for an agent who is in another window.
 */
export function showReminder(reminder: Reminder, locale: UiSettings['locale'], onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const due = new Date(reminder.dueAt);
  const when = Number.isNaN(due.getTime()) ? reminder.dueAt : due.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'short' });
  const subject = reminder.ticketNo ? `${reminder.ticketNo} ${reminder.label}` : reminder.label;
  const title: MessageKey = `reminder_${reminder.kind}`;
  const n = new Notification({ title: t(locale, title), body: t(locale, 'reminderBody', { subject, due: when }) });
  n.on('click', onClick);
  n.show();
}
