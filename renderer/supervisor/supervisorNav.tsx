import { DashboardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavStore, type Screen } from '../app/navStore.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useAgentSession } from '../work/useSession.js';
import { WallboardScreen } from './WallboardScreen.js';

type SupervisorScreen = Extract<Screen, 'wallboard'>;
export interface SupervisorNavItem {
  key: SupervisorScreen;
  icon: React.ReactNode;
  label: string;
  keys: string;
}

/**
 * The wallboard's menu entry and Ctrl+8, for supervisors and admins only
 * (the core checks the same rights; agents and seniors are not offered the
 * screen, and its shortcut does nothing for them).
 */
export function useSupervisorNav(leave: (to: () => void) => void): SupervisorNavItem[] {
  const { t } = useTranslation();
  const session = useAgentSession();
  const go = useNavStore((s) => s.go);
  const role = session?.agent?.role;
  const allowed = role === 'supervisor' || role === 'admin';
  useHotkey({ code: 'Digit8', ctrl: true }, () => leave(() => go('wallboard')), allowed);
  return allowed ? [{ key: 'wallboard', icon: <DashboardOutlined />, label: t('supervisor.nav.wallboard'), keys: t('supervisor.keys.navWallboard') }] : [];
}

export function SupervisorScreens({ screen }: { screen: Screen }): React.JSX.Element | null {
  return screen === 'wallboard' ? <WallboardScreen /> : null;
}
