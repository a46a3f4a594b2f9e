import { CalendarOutlined, TableOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavStore, type Screen } from '../app/navStore.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useAgentSession } from '../work/useSession.js';
import { CalendarScreen } from './calendar/CalendarScreen.js';
import { RosterScreen } from './roster/RosterScreen.js';

type PlanScreen = Extract<Screen, 'roster' | 'calendar'>;
export interface PlanNavItem {
  key: PlanScreen;
  icon: React.ReactNode;
  label: string;
  keys: string;
}

/**
 * 排班表 (Ctrl+Shift+U) and 班次与节假日 (Ctrl+Shift+H), issue 16 points 2-3,
 * for supervisors (their team's roster; the calendar read-only) and admins.
 * The core and the server check the same rights.
 */
export function usePlanNav(leave: (to: () => void) => void): PlanNavItem[] {
  const { t } = useTranslation();
  const role = useAgentSession()?.agent?.role;
  const go = useNavStore((s) => s.go);
  const plans = role === 'supervisor' || role === 'admin';
  useHotkey({ code: 'KeyU', ctrl: true, shift: true }, () => leave(() => go('roster')), plans);
  useHotkey({ code: 'KeyH', ctrl: true, shift: true }, () => leave(() => go('calendar')), plans);
  if (!plans) return [];
  return [
    { key: 'roster', icon: <TableOutlined />, label: t('roster.nav.roster'), keys: t('roster.keys.navRoster') },
    { key: 'calendar', icon: <CalendarOutlined />, label: t('roster.nav.calendar'), keys: t('roster.keys.navCalendar') },
  ];
}

export function PlanScreens({ screen }: { screen: Screen }): React.JSX.Element | null {
  if (screen === 'roster') return <RosterScreen />;
  if (screen === 'calendar') return <CalendarScreen />;
  return null;
}
