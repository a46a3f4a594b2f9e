import { TicketFormPanel } from './TicketFormPanel.js';
import { useTicketUiStore } from './ticketUiStore.js';

export function TicketFormDrawer(): React.JSX.Element | null {
  const state = useTicketUiStore((s) => s.form);
  if (!state) return null;
  const key = state.mode === 'edit' ? `edit-${state.detail.ticket.id}` : 'create';
  return <TicketFormPanel key={key} state={state} />;
}
