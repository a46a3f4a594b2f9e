import { create } from 'zustand';
import type { Customer } from '../../shared/customers/schema.js';

/** The ticket form open in the console; `key` is its draft key (`call:<callId>` or `new`). */
export interface ConsoleForm {
  key: string;
  /** the call the ticket is registered from: tickets:create links it */
  callId?: string;
  /** the screen-pop's customer, or the caller's number for an unknown caller */
  customer?: Customer;
  phone?: string;
  /** bumped on every opening so the form re-reads its draft */
  opening: number;
}

interface ConsoleState {
  form: ConsoleForm | null;
  /** the screen-pop ticket the "link the call" shortcut links */
  selectedTicketId: string | null;
  newCallOpen: boolean;
  /** a number from a tel: link or a paste, put into the new-call dialog */
  newCallNumber: string;
  /** bumped by Ctrl+N on an open form: it puts the cursor in its first empty field again */
  focusRequest: number;
  focusForm(): void;
  openForm(form: Omit<ConsoleForm, 'opening'>): void;
  closeForm(): void;
  selectTicket(id: string | null): void;
  openNewCall(number?: string): void;
  closeNewCall(): void;
  /** a tel: number handed over by the OS, waiting for the desk runtime (which may not be mounted before sign-in) */
  pendingDial: string | null;
  requestDial(number: string): void;
  takePendingDial(): string | null;
}

export const useConsoleStore = create<ConsoleState>((set, get) => ({
  form: null,
  selectedTicketId: null,
  newCallOpen: false,
  newCallNumber: '',
  focusRequest: 0,
  focusForm: () => set((s) => ({ focusRequest: s.focusRequest + 1 })),
  openForm: (form) => set((s) => ({ form: { ...form, opening: (s.form?.opening ?? 0) + 1 } })),
  closeForm: () => set({ form: null }),
  selectTicket: (id) => set({ selectedTicketId: id }),
  openNewCall: (number = '') => set({ newCallOpen: true, newCallNumber: number }),
  closeNewCall: () => set({ newCallOpen: false, newCallNumber: '' }),
  pendingDial: null,
  requestDial: (number) => set({ pendingDial: number }),
  takePendingDial: () => {
    const number = get().pendingDial;
    if (number !== null) set({ pendingDial: null });
    return number;
  },
}));
