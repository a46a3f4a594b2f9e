import type { Api } from '../shared/contract.js';

declare global {
  interface Window {
    /** installed by Electron's preload, or by ./transport in the browser preview */
    api: Api;
  }
}

export {};
