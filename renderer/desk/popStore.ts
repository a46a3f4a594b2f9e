import { create } from 'zustand';
import type { ScreenPop } from '../../shared/desk/schema.js';
import type { AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';

interface PopState {
  /** the number the card is for; null: no call */
  number: string | null;
  pop: ScreenPop | null;
  loading: boolean;
  error: AppErrorData | null;
  /** looks the number up unless it is the one on screen (`force`: after a ticket or customer was written) */
  show(number: string | null, force?: boolean): Promise<void>;
}

/** The screen-pop for the desk's call: one lookup per call, shared by the call bar (caller's name) and the card. */
export const usePopStore = create<PopState>((set, get) => ({
  number: null,
  pop: null,
  loading: false,
  error: null,
  async show(number, force = false) {
    if (number === null) {
      set({ number: null, pop: null, loading: false, error: null });
      return;
    }
    if (!force && number === get().number && (get().pop || get().loading)) return;
    set({ number, loading: true, error: null, ...(number === get().number ? {} : { pop: null }) });
    const r = await call('calls:screenPop', { number });
    // A newer call's lookup may have started meanwhile; only the current number's answer is shown.
    if (get().number !== number) return;
    set(r.ok ? { pop: r.value, loading: false } : { error: r.error, loading: false });
  },
}));
