import { ClockCircleOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavStore, type Screen } from '../app/navStore.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useAgentSession } from '../work/useSession.js';
import { AttendanceMonthScreen } from './month/AttendanceMonthScreen.js';
import { OvertimeScreen } from './overtime/OvertimeScreen.js';

type AttendanceScreenName = Extract<Screen, 'attendance' | 'overtime'>;
export interface AttendanceNavItem {
  key: AttendanceScreenName;
  icon: React.ReactNode;
  label: string;
  keys: string;
}

/**
 * 月度考勤 (Ctrl+Shift+A) and 加班审定 (Ctrl+Shift+O) for everyone signed in:
 * agents see their own month and claims, supervisors their team's, admins
 * all; the core checks the same rights.
 */
export function useAttendanceNav(leave: (to: () => void) => void): AttendanceNavItem[] {
  const { t } = useTranslation();
  const role = useAgentSession()?.agent?.role;
  const go = useNavStore((s) => s.go);
  const signedIn = role !== undefined;
  useHotkey({ code: 'KeyA', ctrl: true, shift: true }, () => leave(() => go('attendance')), signedIn);
  useHotkey({ code: 'KeyO', ctrl: true, shift: true }, () => leave(() => go('overtime')), signedIn);
  if (!signedIn) return [];
  return [
    { key: 'attendance', icon: <ClockCircleOutlined />, label: t('attendance.nav.month'), keys: t('attendance.keys.navMonth') },
    { key: 'overtime', icon: <FieldTimeOutlined />, label: t('attendance.nav.overtime'), keys: t('attendance.keys.navOvertime') },
  ];
}

export function AttendanceScreens({ screen }: { screen: Screen }): React.JSX.Element | null {
  if (screen === 'attendance') return <AttendanceMonthScreen />;
  if (screen === 'overtime') return <OvertimeScreen />;
  return null;
}
