import type { TFunction } from 'i18next';
import zhCN from '../i18n/locales/zh-CN.js';

type ReasonCode = keyof typeof zhCN.desk.agent.reasons;
type DispositionCode = keyof typeof zhCN.desk.call.dispositions;
const has = <K extends string>(table: Record<K, string>, key: string): key is K => Object.prototype.hasOwnProperty.call(table, key);

/**
 * A not-ready reason or disposition as the agent reads it: domain.md's
 * default codes in the agent's language; an admin's own code by the label the
 * admin gave it (the admin typed it in the center's language).
 */
export function reasonLabel(t: TFunction, option: { code: string; label: string } | undefined, code: string): string {
  if (has(zhCN.desk.agent.reasons, code)) return t(`desk.agent.reasons.${code satisfies ReasonCode}`);
  return option?.label ?? code;
}

export function dispositionLabel(t: TFunction, option: { code: string; label: string } | undefined, code: string): string {
  if (has(zhCN.desk.call.dispositions, code)) return t(`desk.call.dispositions.${code satisfies DispositionCode}`);
  return option?.label ?? code;
}
