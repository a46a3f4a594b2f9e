import { create } from 'zustand';
import type { TicketDetail } from '../../shared/tickets/schema.js';

export type FormState = { mode: 'create' } | { mode: 'edit'; detail: TicketDetail } | null;

interface TicketUiState {
  /** the ticket shown in the detail drawer */
  detailId: string | null;
  form: FormState;
  /** bumped after a write made outside the detail drawer, so it reloads */
  detailRevision: number;
  bumpDetail(): void;
  openDetail(id: string): void;
  closeDetail(): void;
  openCreate(): void;
  openEdit(detail: TicketDetail): void;
  closeForm(): void;
}

export const useTicketUiStore = create<TicketUiState>((set) => ({
  detailId: null,
  form: null,
  detailRevision: 0,
  bumpDetail: () => set((s) => ({ detailRevision: s.detailRevision + 1 })),
  openDetail: (id) => set({ detailId: id }),
  closeDetail: () => set({ detailId: null }),
  openCreate: () => set({ form: { mode: 'create' } }),
  openEdit: (detail) => set({ form: { mode: 'edit', detail } }),
  closeForm: () => set({ form: null }),
}));
