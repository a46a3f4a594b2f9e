import { UserAddOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../shared/tickets/schema.js';
import { call } from '../api/client.js';
import { Hint } from '../app/Hint.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { errorText } from '../i18n/messages.js';
import { useAgentSession } from '../work/useSession.js';

/** Shift+Ctrl keys: plain Ctrl+letters belong to the shell and the ticket form. */
const ASSIGN_KEY = { code: 'KeyM', ctrl: true, shift: true };

/** "Assign to me" on the ticket's detail: one click or Ctrl+Shift+M; gone once it is yours or the ticket is closed. */
export function AssignToMe({ detail, enabled, onDone }: { detail: TicketDetail; enabled: boolean; onDone(next: TicketDetail): void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useAgentSession();
  const [busy, setBusy] = useState(false);
  const me = session?.agent?.username ?? null;
  const { ticket } = detail;
  const can = me !== null && ticket.status !== 'closed' && ticket.assigneeId?.toLowerCase() !== me.toLowerCase();

  const assign = async (): Promise<void> => {
    if (!me || busy) return;
    setBusy(true);
    const result = await call('tickets:update', { id: ticket.id, changes: { assigneeId: me } });
    setBusy(false);
    if (!result.ok) {
      void message.error(errorText(t, result.error));
      return;
    }
    void message.success({ content: <span data-testid="toast-assigned">{t('ticketwork.assign.done', { no: result.value.ticket.no })}</span> });
    onDone(result.value);
  };
  useHotkey(ASSIGN_KEY, () => void assign(), enabled && can);

  if (!can) return null;
  return (
    <Hint title={t('ticketwork.assign.hint')}>
      <Button size="small" icon={<UserAddOutlined />} loading={busy} onClick={() => void assign()} data-testid="assign-to-me">
        {t('ticketwork.assign.toMe')} <kbd className="btn-kbd">{t('ticketwork.assign.key')}</kbd>
      </Button>
    </Hint>
  );
}
