import { contract, isChannel, type Channel, type Handlers } from './contract.js';
import { AppError, fail, ok, toErrorData, validationError, type Result } from './result.js';
import { findUnstorableText, UNSTORABLE_MESSAGE, unstorableIssue } from './text.js';

/**
 * The one place a request crosses into handlers: unknown channels and invalid
 * payloads are answered with an error before any handler (and so any data) is
 * touched. Used by the core worker, the Electron main process and the preview
 * server alike.
 */
export async function dispatch<C extends Channel>(handlers: Partial<Handlers>, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel).slice(0, 64)}` });
  const handler = handlers[channel as C] as ((req: unknown) => unknown) | undefined;
  if (!handler) return fail({ code: 'UNKNOWN_CHANNEL', message: `Channel not served here: ${channel}` });
  // No text anywhere in a request may hold a NUL or a lone surrogate (shared/text.ts): it could not be synced or stored.
  const unstorable = findUnstorableText(payload);
  if (unstorable !== null) return fail({ code: 'VALIDATION_FAILED', message: `Invalid input: ${unstorable || 'request'}: ${UNSTORABLE_MESSAGE}`, fields: [unstorableIssue(unstorable)] });
  const parsed = contract[channel].request.safeParse(payload ?? {});
  if (!parsed.success) return fail(validationError(parsed.error).toData());
  try {
    return ok(await handler(parsed.data));
  } catch (e) {
    if (!(e instanceof AppError)) console.error(`[dispatch] ${channel} failed`, e);
    return fail(toErrorData(e));
  }
}
