import type { TFunction } from 'i18next';
import { DEFAULT_CONSOLE_CONFIG } from '../../shared/desk/schema.js';
import zhCN from '../i18n/locales/zh-CN.js';

type ReasonCode = keyof typeof zhCN.desk.agent.reasons;
type DispositionCode = keyof typeof zhCN.desk.call.dispositions;
const has = <K extends string>(table: Record<K, string>, key: string): key is K => Object.prototype.hasOwnProperty.call(table, key);

type Option = { code: string; label: string } | undefined;

/** The admin kept the default code's shipped label: it may be shown translated. A relabelled one is the admin's word. */
function keepsDefaultLabel(defaults: readonly { code: string; label: string }[], option: Option, code: string): boolean {
  const shipped = defaults.find((d) => d.code === code)?.label;
  return option === undefined || option.label === shipped;
}

/**
 * A not-ready reason or disposition as the agent reads it: domain.md's
 * default codes with their shipped label in the agent's language; a default
 * code the admin relabelled, and an admin's own code, by the label the admin
 * gave it (typed in the center's language), everywhere it is shown.
 */
export function reasonLabel(t: TFunction, option: Option, code: string): string {
  if (has(zhCN.desk.agent.reasons, code) && keepsDefaultLabel(DEFAULT_CONSOLE_CONFIG.notReadyReasons, option, code)) return t(`desk.agent.reasons.${code satisfies ReasonCode}`);
  return option?.label ?? code;
}

export function dispositionLabel(t: TFunction, option: Option, code: string): string {
  if (has(zhCN.desk.call.dispositions, code) && keepsDefaultLabel(DEFAULT_CONSOLE_CONFIG.dispositions, option, code)) return t(`desk.call.dispositions.${code satisfies DispositionCode}`);
  return option?.label ?? code;
}
