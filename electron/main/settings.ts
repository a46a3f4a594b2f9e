import { randomUUID } from 'node:crypto';
import path from 'node:path';
import ElectronStore from 'electron-store';
import { z } from 'zod';
import { MAX_ZOOM, MIN_ZOOM, type CloseAction } from '../../shared/desktop/window.js';
import { UiSettingsSchema, type UiSettings } from '../../shared/settings.js';

/** Window geometry as last seen; validated when read back (the file is user-editable). */
export const WindowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

const ZoomByUserSchema = z.record(z.string().max(64), z.number().min(MIN_ZOOM).max(MAX_ZOOM));

/**
 * The shell's own settings in electron-store (config.json under userData):
 * where the data folder is, window bounds, the workstation's actor id and the
 * UI settings served on `settings:get/set`. Every read goes through zod; a
 * damaged value falls back to its default instead of reaching the app.
 */
export class ShellSettings {
  private readonly store = new ElectronStore<Record<string, unknown>>({ name: 'config', clearInvalidConfig: true });

  constructor(
    private readonly userDataDir: string,
    private readonly systemLocale: string,
  ) {}

  get filePath(): string {
    return this.store.path;
  }

  private read<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined {
    const parsed = schema.safeParse(this.store.get(key));
    return parsed.success ? parsed.data : undefined;
  }

  dataDir(): string {
    return this.read('dataDir', z.string().min(1)) ?? path.join(this.userDataDir, 'data');
  }

  /** Stable per installation until sign-in (the auth work) replaces it with the agent's id. */
  actorId(): string {
    const existing = this.read('actorId', z.string().min(1).max(64));
    if (existing) return existing;
    const id = `ws-${randomUUID()}`;
    this.store.set('actorId', id);
    return id;
  }

  windowBounds(): WindowBounds | undefined {
    return this.read('windowBounds', WindowBoundsSchema);
  }

  saveWindowBounds(bounds: WindowBounds): void {
    this.store.set('windowBounds', bounds);
  }

  /** "Don't ask again" of the close question: keep running in the tray, or quit. */
  closeAction(): CloseAction | null {
    return this.read('closeAction', z.enum(['tray', 'quit'])) ?? null;
  }

  setCloseAction(action: CloseAction): void {
    this.store.set('closeAction', action);
  }

  /** The app made itself the tel: handler once (see index.ts): never again, so a later choice of the user stands. */
  telHandlerClaimed(): boolean {
    return this.read('telHandlerClaimed', z.boolean()) ?? false;
  }

  setTelHandlerClaimed(): void {
    this.store.set('telHandlerClaimed', true);
  }

  /** Zoom factor per desk user (username), since agents sharing a PC need different sizes. */
  zoomFor(username: string | null): number {
    const all = this.read('zoomByUser', ZoomByUserSchema) ?? {};
    return all[username ?? ''] ?? 1;
  }

  setZoomFor(username: string | null, factor: number): void {
    const all = this.read('zoomByUser', ZoomByUserSchema) ?? {};
    this.store.set('zoomByUser', { ...all, [username ?? '']: factor });
  }

  ui(): UiSettings {
    const defaults: UiSettings = { locale: defaultLocale(this.systemLocale), theme: 'system', compact: false };
    // Field by field, so one bad value does not reset the others.
    const raw = this.read('ui', z.record(z.string(), z.unknown())) ?? {};
    const stored: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(UiSettingsSchema.shape)) {
      const value = schema.safeParse(raw[key]);
      if (value.success) stored[key] = value.data;
    }
    return UiSettingsSchema.parse({ ...defaults, ...stored });
  }

  setUi(patch: Partial<UiSettings>): UiSettings {
    const next = UiSettingsSchema.parse({ ...this.ui(), ...stripUndefined(patch) });
    this.store.set('ui', next);
    return next;
  }
}

/** zh* → zh-CN, any other language → en; an empty or unreadable locale → zh-CN (the product is Chinese-first). */
export function defaultLocale(systemLocale: string): UiSettings['locale'] {
  const lang = systemLocale.trim().toLowerCase();
  if (lang === '' || lang.startsWith('zh')) return 'zh-CN';
  return 'en';
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
