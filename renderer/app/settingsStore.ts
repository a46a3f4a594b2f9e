import { create } from 'zustand';
import type { AppErrorData } from '../../shared/result.js';
import type { UiSettings } from '../../shared/settings.js';
import { call } from '../api/client.js';
import { changeLocale, DEFAULT_LOCALE } from '../i18n/index.js';

export const DEFAULT_SETTINGS: UiSettings = { locale: DEFAULT_LOCALE, theme: 'light', compact: false };

interface SettingsState {
  settings: UiSettings;
  /** applies at once (the agent sees the switch), persists, and rolls back if the host refuses */
  update(patch: Partial<UiSettings>): Promise<AppErrorData | null>;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: DEFAULT_SETTINGS,
  async update(patch) {
    const before = get().settings;
    const next = { ...before, ...patch };
    set({ settings: next });
    if (patch.locale && patch.locale !== before.locale) await changeLocale(patch.locale);
    const result = await call('settings:set', patch);
    if (result.ok) {
      set({ settings: result.value });
      return null;
    }
    set({ settings: before });
    if (before.locale !== next.locale) await changeLocale(before.locale);
    return result.error;
  },
}));

/** Read once before the first render so the first paint is already in the agent's language and theme. */
export async function loadInitialSettings(): Promise<UiSettings> {
  const result = await call('settings:get', {});
  const settings = result.ok ? result.value : DEFAULT_SETTINGS;
  useSettingsStore.setState({ settings });
  return settings;
}
