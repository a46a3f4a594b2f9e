import type { ExportFile } from '../../shared/reports/periodReport.js';
import type { AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';

export type SaveOutcome = { kind: 'saved'; file: string } | { kind: 'downloaded'; file: string } | { kind: 'cancelled' } | { kind: 'failed'; error: AppErrorData };

/**
 * Hands an export to the user: in the desktop app the shell's save dialog
 * writes it where they choose; in the browser preview it is a download.
 */
export async function saveExport(file: ExportFile): Promise<SaveOutcome> {
  const info = await call('app:info', {});
  if (info.ok && info.value.shell === 'electron') {
    const saved = await call('shell:saveFile', { fileName: file.fileName, base64: file.base64 });
    if (!saved.ok) return { kind: 'failed', error: saved.error };
    return saved.value.saved && saved.value.file ? { kind: 'saved', file: saved.value.file } : { kind: 'cancelled' };
  }
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { kind: 'downloaded', file: file.fileName };
}
