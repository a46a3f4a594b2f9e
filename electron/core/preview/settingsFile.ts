import fs from 'node:fs';
import path from 'node:path';
import { UiSettingsSchema, type UiSettings } from '../../../shared/settings.js';

const FILE = 'preview-settings.json';
const DEFAULTS: UiSettings = { locale: 'zh-CN', theme: 'system', compact: false };

/**
 * The preview host's stand-in for electron-store: UI settings in a JSON file in
 * the data folder. Read back through zod, field by field (a hand-edited file
 * with one bad value keeps the others); written atomically (temp + rename).
 */
export class PreviewSettings {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, FILE);
  }

  get(): UiSettings {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`[preview] ${this.file} is unreadable, using defaults`);
      return { ...DEFAULTS };
    }
    const stored: Record<string, unknown> = {};
    if (raw !== null && typeof raw === 'object') {
      for (const [key, schema] of Object.entries(UiSettingsSchema.shape)) {
        const value = schema.safeParse((raw as Record<string, unknown>)[key]);
        if (value.success) stored[key] = value.data;
      }
    }
    return UiSettingsSchema.parse({ ...DEFAULTS, ...stored });
  }

  set(patch: Partial<UiSettings>): UiSettings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = UiSettingsSchema.parse({ ...this.get(), ...defined });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2));
    fs.renameSync(tmp, this.file);
    return next;
  }
}
