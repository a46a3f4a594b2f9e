import { create } from 'zustand';

/**
 * The password dialog's request. `forced`: a sign-in answered
 * PASSWORD_CHANGE_REQUIRED; the temporary password just typed is kept here
 * (in memory, until the dialog closes) as the old one, so the user types
 * only the new password. `server`: a server account (sync:changePassword),
 * else a standalone account of this PC (agent:changePassword).
 */
export interface PasswordRequest {
  username: string;
  server: string | null;
  forced: boolean;
  oldPassword?: string;
}

interface PasswordState {
  request: PasswordRequest | null;
  open(request: PasswordRequest): void;
  close(): void;
}

export const usePasswordStore = create<PasswordState>((set) => ({
  request: null,
  open: (request) => set({ request }),
  close: () => set({ request: null }),
}));
