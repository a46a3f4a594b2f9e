import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLive } from '../work/useLive.js';

/**
 * The admin screens' warning (issue 16 point 3): the current or the coming
 * year has no holiday calendar, so its holidays would count as working days.
 */
export function CalendarWarning(): React.JSX.Element | null {
  const { t } = useTranslation();
  const status = useLive('holidays:status', {}, { kinds: ['plan'] });
  const missing = status.value?.missing ?? [];
  if (missing.length === 0) return null;
  return <Alert type="warning" showIcon banner data-testid="calendar-warning" message={t('roster.missingCalendar', { years: missing.join('、') })} />;
}
