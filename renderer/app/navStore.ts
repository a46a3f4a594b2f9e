import { create } from 'zustand';

/** Only screens that work are listed; more join this union as they are built. */
export type Screen = 'console' | 'tickets' | 'kb' | 'myDay' | 'queue' | 'callbacks' | 'admin' | 'wallboard' | 'reports' | 'quality'
  // ---- announcements and defects (issue 15 points 4-5)
  | 'announcements' | 'defects'
  // ---- attendance plan (issue 16 points 2-3)
  | 'roster' | 'calendar'
  // ---- duty roster (issue 16 point 7)
  | 'duty'
  // ---- attendance: month and overtime (issue 16 points 4-5)
  | 'attendance' | 'overtime';

interface NavState {
  screen: Screen;
  /** bumped to ask the knowledge screen to put the cursor in its search box */
  kbFocusRequest: number;
  go(screen: Screen): void;
  focusKbSearch(): void;
}

export const useNavStore = create<NavState>((set) => ({
  // The console is where a call lands: an agent signs in to it.
  screen: 'console',
  kbFocusRequest: 0,
  go: (screen) => set({ screen }),
  focusKbSearch: () => set((s) => ({ screen: 'kb', kbFocusRequest: s.kbFocusRequest + 1 })),
}));
