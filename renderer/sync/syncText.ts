import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { TFunction } from 'i18next';
import { ERROR_CODES, type ErrorCode } from '../../shared/result.js';
import type { SessionUser } from '../../shared/sync/protocol.js';
import zhCN from '../i18n/locales/zh-CN.js';

dayjs.extend(relativeTime);

const has = <K extends string>(table: Record<K, string>, key: string): key is K => Object.prototype.hasOwnProperty.call(table, key);
const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/**
 * A sync failure or problem code in the agent's language. Codes come from the
 * core (ours) or straight from the server (its own list), so the sync wording
 * is tried first ("the server refused", not "not saved": the change IS saved
 * on this PC), then the app's error codes, then the raw code is shown rather
 * than nothing.
 */
export function syncCodeText(t: TFunction, code: string): string {
  if (has(zhCN.sync.codes, code)) return t(`sync.codes.${code}`);
  if (isErrorCode(code)) return t(`errors.${code}`);
  return t('sync.codeUnknown', { code });
}

/** The contract channel that made a change, as an action the agent recognises. */
export function changeNameText(t: TFunction, name: string): string {
  // Catalogue keys cannot hold ':' (i18next's namespace separator): `tickets:create` is looked up as `tickets_create`.
  const key = name.replace(':', '_');
  return has(zhCN.sync.problemsDrawer.changes, key) ? t(`sync.problemsDrawer.changes.${key}`) : name;
}

export function accountText(t: TFunction, user: SessionUser): string {
  const role = t(`sync.roles.${user.role}`);
  return user.team ? t('sync.accountValueTeam', { username: user.username, role, team: user.team }) : t('sync.accountValue', { username: user.username, role });
}

/** HH:mm today, MM-DD HH:mm on another day: "synced 09:12" must not pass for today when it was last week. */
export function clockText(iso: string, now: number, withSeconds = false): string {
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  const time = withSeconds ? 'HH:mm:ss' : 'HH:mm';
  return d.isSame(dayjs(now), 'day') ? d.format(time) : d.format(`MM-DD ${time}`);
}

/** "14:05:12 (3 minutes ago)" / "14:06:00 (in 30 seconds)", relative to `now` so it ticks with the caller's clock. */
export function timeWithRelative(t: TFunction, iso: string, now: number): string {
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  const sameDay = d.isSame(dayjs(now), 'day');
  return t('sync.timeWithRelative', { time: d.format(sameDay ? 'HH:mm:ss' : 'YYYY-MM-DD HH:mm:ss'), relative: d.from(dayjs(now)) });
}
