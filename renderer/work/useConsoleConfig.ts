import type { ConsoleConfig } from '../../shared/desk/schema.js';
import { useLive } from './useLive.js';

/** The admin's console configuration, re-read when it changes (here or by sync). */
export function useConsoleConfig(): ConsoleConfig | null {
  return useLive('config:get', {}, { kinds: ['config'] }).value;
}

