import type { Catalogue } from './zh-CN.js';

/** English for desktop.zh-CN.ts. */
export const desktopEn: Catalogue['desktop'] = {
  coreRestarted: 'The data service stopped unexpectedly and was restarted on the same data folder. Nothing you saved is lost; please sign in again.',
  coreStopped: 'The data service stopped and could not be restarted ({{message}}). Close and reopen the workstation; nothing you saved is lost.',
  dismiss: 'OK',
};
