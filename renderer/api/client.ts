import type { Channel, EventName, EventPayload, RequestOf, ValueOf } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';

/**
 * `window.api.invoke` that never rejects: a broken transport becomes a
 * TRANSPORT_FAILED result, so every caller handles exactly one failure shape
 * and the form never claims "saved" for a write that was not acknowledged.
 */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ValueOf<C>>> {
  try {
    return await window.api.invoke(channel, request);
  } catch (e) {
    return { ok: false, error: { code: 'TRANSPORT_FAILED', message: e instanceof Error ? e.message : String(e) } };
  }
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api.on(event, listener);
}
