import { ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavStore, type Screen } from '../../app/navStore.js';
import { useHotkey } from '../../hooks/useHotkey.js';
import { useAgentSession } from '../../work/useSession.js';
import { DutyScreen } from './DutyScreen.js';

export interface DutyNavItem {
  key: Extract<Screen, 'duty'>;
  icon: React.ReactNode;
  label: string;
  keys: string;
}

/** 值班表 (Ctrl+Shift+D) for everyone signed in: supervisors and admins keep it, agents read it. */
export function useDutyNav(leave: (to: () => void) => void): DutyNavItem[] {
  const { t } = useTranslation();
  const signedIn = useAgentSession()?.agent != null;
  const go = useNavStore((s) => s.go);
  useHotkey({ code: 'KeyD', ctrl: true, shift: true }, () => leave(() => go('duty')), signedIn);
  return signedIn ? [{ key: 'duty', icon: <ScheduleOutlined />, label: t('admin.duty.nav'), keys: t('admin.keys.navDuty') }] : [];
}

export function DutyScreens({ screen }: { screen: Screen }): React.JSX.Element | null {
  return screen === 'duty' ? <DutyScreen /> : null;
}
