import { create } from 'zustand';
import type { ArchivedTicketView } from '../../shared/archive/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';

interface ArchiveViewState {
  /** the archived ticket being read; null: the dialog is closed */
  id: string | null;
  no: string;
  view: ArchivedTicketView | null;
  loading: boolean;
  error: AppErrorData | null;
  /** fetches the ticket from the server (nothing is kept on the PC) */
  open(id: string, no: string): Promise<void>;
  retry(): Promise<void>;
  close(): void;
}

/** One archived ticket read from the server at a time: search and screen-pop open it the same way. */
export const useArchiveViewStore = create<ArchiveViewState>((set, get) => ({
  id: null,
  no: '',
  view: null,
  loading: false,
  error: null,
  async open(id, no) {
    set({ id, no, view: null, loading: true, error: null });
    const r = await call('archive:fetch', { id });
    // Closed or another one opened meanwhile: this answer is not shown.
    if (get().id !== id) return;
    set(r.ok ? { view: r.value, loading: false } : { error: r.error, loading: false });
  },
  async retry() {
    const { id, no } = get();
    if (id) await get().open(id, no);
  },
  close() {
    set({ id: null, no: '', view: null, loading: false, error: null });
  },
}));
