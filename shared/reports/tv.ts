import { z } from 'zod';
import { ReportsConfigSchema } from './config.js';
import { TeamSchema, WallboardSchema } from './schema.js';

/**
 * The wallboard's TV mode (班长席大屏 on a wall screen): a supervisor opens a
 * display for the center or a team and gets its key once. The display shows
 * that board read-only to whoever holds the key (the TV window, the
 * `#/wallboard/tv` view), with nobody signed in and no sign-out timeout, until
 * a supervisor or admin stops it. The core keeps only the key's SHA-256.
 */

/** 32 random bytes, base64url without padding. */
export const TV_KEY_LENGTH = 43;
export const TvKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'A display key is 43 characters of A-Z a-z 0-9 _ -' });

export const TvDisplaySchema = z.object({
  id: z.string(),
  /** the team shown; null: the whole center */
  team: z.string().nullable(),
  createdBy: z.string(),
  /** the opener's display name (the username when the directory does not know them) */
  createdByName: z.string(),
  createdAt: z.string(),
});
export type TvDisplay = z.infer<typeof TvDisplaySchema>;

export const TvOpenSchema = z.strictObject({ team: TeamSchema.optional() });
export const TvOpenedSchema = z.object({ display: TvDisplaySchema, key: TvKeySchema });
export const TvQuerySchema = z.strictObject({ key: TvKeySchema });
export const TvCloseSchema = z.strictObject({ id: z.string().min(1).max(64) });

/** Everything the TV view draws: the board, its colour rules and the not-ready reasons' labels. */
export const TvBoardSchema = z.object({
  display: TvDisplaySchema,
  board: WallboardSchema,
  config: ReportsConfigSchema,
  reasons: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type TvBoard = z.infer<typeof TvBoardSchema>;

/** The hash route of the TV view; the key travels after `?key=` once and is then kept in the tab's sessionStorage. */
export const TV_ROUTE = '/wallboard/tv';

/** `#/wallboard/tv?key=…` (the key may be absent: kept from an earlier load of the tab). */
export function tvHash(key: string): string {
  return `#${TV_ROUTE}?key=${key}`;
}
