import { useTranslation } from 'react-i18next';
import { lookOf } from './gridModel.js';

/** An entry in words, for labels and legends: 白班 D, 休息, 病假. */
export function useEntryText(): (entry: string | undefined) => string {
  const { t } = useTranslation();
  return (entry) => {
    const look = lookOf(entry);
    if (look.kind === 'shift') return look.text;
    if (look.kind === 'leave') return t(`roster.leave.${look.leave}`);
    return look.planned ? t('roster.grid.rest') : t('roster.grid.none');
  };
}
