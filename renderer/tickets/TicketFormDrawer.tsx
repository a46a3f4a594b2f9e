import { useEffect, useState } from 'react';
import { loadScreenDraft, type ScreenDraftStart } from './screenDraft.js';
import { TicketFormPanel } from './TicketFormPanel.js';
import { useTicketUiStore } from './ticketUiStore.js';

export function TicketFormDrawer(): React.JSX.Element | null {
  const state = useTicketUiStore((s) => s.form);
  const creating = state?.mode === 'create';
  // A new ticket starts from the agent's saved draft, loaded before the form mounts so nothing typed is overwritten by it.
  const [draft, setDraft] = useState<{ start: ScreenDraftStart | null } | null>(null);
  useEffect(() => {
    if (!creating) return;
    let alive = true;
    void loadScreenDraft().then((start) => {
      if (alive) setDraft({ start });
    });
    return () => {
      alive = false;
      setDraft(null);
    };
  }, [creating]);
  if (!state) return null;
  if (state.mode === 'edit') return <TicketFormPanel key={`edit-${state.detail.ticket.id}`} state={state} />;
  if (!draft) return null;
  return <TicketFormPanel key="create" state={state} draft={draft.start} />;
}
