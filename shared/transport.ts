import { z } from 'zod';
import { AppErrorSchema, type Result } from './result.js';

/**
 * Transport-level pieces shared by the hosts that carry the contract over a
 * port (the core worker, the browser-preview WebSocket) and their clients.
 * The contract itself (channels, envelopes) lives in contract.ts; this file
 * only holds what a transport needs around it.
 */

/** The `result` of a ResponseEnvelope, checked before it is handed to a caller. */
export const ResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);

export function parseResult(raw: unknown): Result<unknown> {
  const parsed = ResultSchema.safeParse(raw);
  if (parsed.success) return parsed.data as Result<unknown>;
  return { ok: false, error: { code: 'TRANSPORT_FAILED', message: 'Malformed result from the host' } };
}

/** The preview server's WebSocket endpoint (same origin as the page). */
export const WS_PATH = '/api';
/** Offered by clients and echoed by the server so browsers accept the handshake. */
export const WS_SUBPROTOCOL = 'hotline.v1';
/** A second offered subprotocol `hotline.token.<hex>` carries the session token. */
export const WS_TOKEN_PROTOCOL_PREFIX = 'hotline.token.';
/** Close code for a missing or wrong token: clients must not retry with the same token. */
export const WS_CLOSE_UNAUTHORIZED = 4401;
/** Close code the server uses when it restarts the core: clients reconnect. */
export const WS_CLOSE_RESTART = 1012;
/** Largest WebSocket message either side accepts (a ticket is at most ~100 KB). */
export const WS_MAX_MESSAGE_BYTES = 1024 * 1024;
/** 32 random bytes, hex: what the preview server hands out in its URL. */
export const TokenSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Alternative to the subprotocol: the first message a client sends. */
export const WsAuthMessageSchema = z.strictObject({ kind: z.literal('auth'), token: z.string().max(128) });
export type WsAuthMessage = z.infer<typeof WsAuthMessageSchema>;
