import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export const THEMES = ['light', 'dark', 'system'] as const;

export const UiSettingsSchema = z.object({
  locale: z.enum(LOCALES),
  theme: z.enum(THEMES),
  compact: z.boolean(),
});
export type UiSettings = z.infer<typeof UiSettingsSchema>;
export const UiSettingsPatchSchema = UiSettingsSchema.partial().strict();

export const AppInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  /** 'electron' in the desktop app, 'browser' in the preview server */
  shell: z.enum(['electron', 'browser']),
  actorId: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
