import { CalendarOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isReviewer } from '../../shared/roles.js';
import { CHANNELS, LIMITS, type Channel, type TicketDetail } from '../../shared/tickets/schema.js';
import { isOpen } from '../../shared/tickets/stateMachine.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { HandoffList } from './HandoffList.js';
import { NoteDialog } from './NoteDialog.js';
import { ScheduleCallbackDialog } from './ScheduleCallbackDialog.js';
import { useLive } from './useLive.js';
import { useAgentSession } from './useSession.js';
import { WorkOrderList } from './WorkOrderList.js';
import { searchable } from '../app/selectSearch.js';
import { DEFAULT_CONSOLE_CONFIG } from '../../shared/desk/schema.js';
import { ruleHours } from './timeText.js';
import { useConsoleConfig } from './useConsoleConfig.js';

/** Shift+Ctrl keys: plain Ctrl+letters belong to the shell and the ticket form. */
const CONTACT_KEY = { code: 'KeyG', ctrl: true, shift: true };
const CALLBACK_KEY = { code: 'KeyB', ctrl: true, shift: true };

/**
 * The work around a ticket besides its fields: the 4-hour-rule contact, the
 * hand-offs with their answers, work orders and callbacks. Every list
 * reloads when the core says it changed, so an answer from second line shows
 * up on the coordinator's open ticket without a click.
 */
export function TicketWorkPanel({ detail, onDetail }: { detail: TicketDetail; onDetail(next: TicketDetail): void }): React.JSX.Element {
  const { t } = useTranslation();
  // The rule's hours as configured (domain.md's 4 by default): the text must name what the clock uses.
  const fourHourRuleMinutes = useConsoleConfig()?.fourHourRuleMinutes ?? DEFAULT_CONSOLE_CONFIG.fourHourRuleMinutes;
  const { message } = App.useApp();
  const session = useAgentSession();
  const { ticket, customer } = detail;
  const ticketId = ticket.id;
  const handoffs = useLive('tickets:handoffs', { ticketId }, { kinds: ['handoffs'], tickets: ticketId });
  const orders = useLive('workOrders:forTicket', { ticketId }, { kinds: ['workOrders'], tickets: ticketId });
  const [dialog, setDialog] = useState<'contact' | 'callback' | null>(null);
  // how the customer was reached: a call as a rule, else as they wrote in
  const [contactChannel, setContactChannel] = useState<Channel>('phone');
  const open = isOpen(ticket.status);
  const contactOwed = detail.sla?.contactOwed === true;
  const role = session?.agent?.role;

  // The ticket form (edit) sits over the detail: its keys are the form's while it is open.
  const formOpen = useTicketUiStore((st) => st.form !== null);
  useHotkey(CONTACT_KEY, () => setDialog('contact'), open && dialog === null && !formOpen);
  useHotkey(CALLBACK_KEY, () => setDialog('callback'), dialog === null && !formOpen);

  const contactButton = (
    <Button size="small" type={contactOwed ? 'primary' : 'default'} danger={contactOwed} icon={<PhoneOutlined />} onClick={() => setDialog('contact')} disabled={!open} data-testid="record-contact-button">
      {t('work.contact.button')} <kbd className="btn-kbd">{t('work.keys.contact')}</kbd>
    </Button>
  );

  return (
    <Flex vertical gap={12} data-testid="ticket-work">
      {contactOwed && (
        <Alert
          type="warning"
          showIcon
          data-testid="contact-owed-alert"
          title={t('work.contact.owedTitle', { hours: ruleHours(fourHourRuleMinutes) })}
          description={t('work.contact.owedBody', { at: formatDateTime(detail.sla?.contactDueAt) })}
          action={contactButton}
        />
      )}
      <Flex gap={6} wrap="wrap" role="group" aria-label={t('work.panel.actions')}>
        {!contactOwed && contactButton}
        <Button size="small" icon={<CalendarOutlined />} onClick={() => setDialog('callback')} data-testid="schedule-callback-button">
          {t('work.callback.schedule')} <kbd className="btn-kbd">{t('work.keys.callback')}</kbd>
        </Button>
        {detail.sla?.lastContactAt && <Typography.Text type="secondary">{t('work.contact.last', { at: formatDateTime(detail.sla.lastContactAt) })}</Typography.Text>}
      </Flex>

      {handoffs.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, handoffs.error) })} />}
      {/* Shown only once there is one: an empty "no hand-offs" block would push the ticket's fields down for nothing. */}
      {handoffs.value && handoffs.value.length > 0 && (
        <section aria-label={t('work.panel.handoffs')}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('work.panel.handoffs')}
          </Typography.Title>
          <HandoffList handoffs={handoffs.value} ticketNo={ticket.no} canAnswer={role !== undefined && isReviewer(role)} onChanged={handoffs.reload} />
        </section>
      )}

      {orders.value && orders.value.length > 0 && (
        <section aria-label={t('work.panel.workOrders')}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('work.panel.workOrders')}
          </Typography.Title>
          <WorkOrderList orders={orders.value} onChanged={orders.reload} />
        </section>
      )}


      {dialog === 'contact' && (
        <NoteDialog
          title={t('work.contact.title', { no: ticket.no, name: customer.name })}
          label={t('work.contact.note')}
          okText={t('work.contact.ok')}
          maxLength={LIMITS.note}
          extra={t('work.contact.help')}
          testId="contact-dialog"
          submit={(note) => call('tickets:recordContact', { ticketId, note, channel: contactChannel })}
          onCancel={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            void message.success(t('work.contact.done'));
            onDetail(next);
          }}
        >
          <Form layout="vertical">
            <Form.Item label={t('work.contact.channel')} htmlFor="contact-channel">
              <Select
                {...searchable}
                id="contact-channel"
                value={contactChannel}
                onChange={setContactChannel}
                aria-label={t('work.contact.channel')}
                data-testid="contact-dialog-channel"
                options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
              />
            </Form.Item>
          </Form>
        </NoteDialog>
      )}
      {dialog === 'callback' && (
        <ScheduleCallbackDialog
          customerId={customer.id}
          ticketId={ticketId}
          ticketNo={ticket.no}
          customerName={customer.name}
          phone={customer.phones[0]?.raw ?? null}
          onCancel={() => setDialog(null)}
          onDone={(cb) => {
            setDialog(null);
            void message.success({ content: <span data-testid="toast-callback">{t('work.callback.scheduled', { at: formatDateTime(cb.dueAt) })}</span> });
          }}
        />
      )}
    </Flex>
  );
}
