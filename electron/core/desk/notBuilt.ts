import { CORE_CHANNELS } from '../../../shared/contract.js';
import { AppError } from '../../../shared/result.js';

/** TEMPORARY scaffolding while issue 5 is built: handlers that answer INTERNAL "not built yet". Deleted when desk.ts and work.ts are done. */
export function notBuilt<H>(match: (channel: string) => boolean): H {
  const out: Record<string, () => never> = {};
  for (const channel of CORE_CHANNELS.filter(match)) {
    out[channel] = () => {
      throw new AppError('INTERNAL', `${channel} is not built yet`);
    };
  }
  return out as H;
}
