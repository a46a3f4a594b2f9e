import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../shared/tickets/schema.js';
import { allowedTransitions, transitionNeedsNote, transitionNeedsResolution, type TicketStatus } from '../../shared/tickets/stateMachine.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import { TransitionDialog } from './TransitionDialog.js';
import type { HandoffKind } from '../../shared/desk/schema.js';
import { HandoffDialog } from '../work/HandoffDialog.js';

/** The step the agent most likely wants is the primary button; the rest are plain. */
const PRIMARY: readonly TicketStatus[] = ['in_progress', 'resolved', 'confirmed'];

/** These moves pass the ticket on: they go through a hand-off (what, by when, scope), never a bare transition. */
const HANDOFF_OF: Partial<Record<TicketStatus, HandoffKind>> = { escalated: 'escalate', transferred: 'transfer', dispatched: 'dispatch' };

export function TransitionBar({ detail, onDone }: { detail: TicketDetail; onDone(detail: TicketDetail): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialogTo, setDialogTo] = useState<TicketStatus | null>(null);
  const [handoff, setHandoff] = useState<TicketStatus | null>(null);
  const [busy, setBusy] = useState<TicketStatus | null>(null);
  const { ticket } = detail;
  const targets = allowedTransitions(ticket.status);

  const done = (next: TicketDetail, to: TicketStatus): void => {
    setDialogTo(null);
    setHandoff(null);
    void message.success({ content: <span data-testid="toast-transitioned">{t('tickets.transition.done', { action: t(`transitionAction.${to}`), no: next.ticket.no })}</span> });
    onDone(next);
  };

  const start = async (to: TicketStatus): Promise<void> => {
    if (HANDOFF_OF[to]) {
      setHandoff(to);
      return;
    }
    // Resolving always asks for the resolution (prefilled with the ticket's): one click must not resolve with a stale or missing answer.
    const needsDialog = transitionNeedsNote(ticket.status, to) || transitionNeedsResolution(to);
    if (needsDialog) {
      setDialogTo(to);
      return;
    }
    setBusy(to);
    const result = await call('tickets:transition', { id: ticket.id, to });
    setBusy(null);
    if (result.ok) done(result.value, to);
    else if (result.error.code === 'NOTE_REQUIRED' || result.error.code === 'RESOLUTION_REQUIRED') setDialogTo(to);
    else void message.error(errorText(t, result.error));
  };

  return (
    <div data-testid="transition-bar">
      {targets.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.detail.noActions')}</Typography.Text>
      ) : (
        <Flex gap={6} wrap="wrap" role="group" aria-label={t('tickets.detail.actions')}>
          {targets.map((to) => (
            <Button
              key={to}
              size="small"
              type={PRIMARY.includes(to) ? 'primary' : 'default'}
              loading={busy === to}
              disabled={busy !== null && busy !== to}
              onClick={() => void start(to)}
              data-testid={`transition-${to}`}
            >
              {t(`transitionAction.${to}`)}
            </Button>
          ))}
        </Flex>
      )}
      {handoff && HANDOFF_OF[handoff] && <HandoffDialog detail={detail} kind={HANDOFF_OF[handoff]} onCancel={() => setHandoff(null)} onDone={(next) => done(next, handoff)} />}
      {dialogTo && <TransitionDialog detail={detail} to={dialogTo} onCancel={() => setDialogTo(null)} onDone={(next) => done(next, dialogTo)} />}
    </div>
  );
}
