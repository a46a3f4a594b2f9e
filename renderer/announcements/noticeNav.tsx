import { BugOutlined, NotificationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canPublish } from '../../shared/announcements/rules.js';
import { canSetDefectStatus } from '../../shared/defects/rules.js';
import { useNavStore, type Screen } from '../app/navStore.js';
import { DefectsScreen } from '../defects/DefectsScreen.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useAgentSession } from '../work/useSession.js';
import { AnnouncementsScreen } from './AnnouncementsScreen.js';

type NoticeScreen = Extract<Screen, 'announcements' | 'defects'>;
export interface NoticeNavItem {
  key: NoticeScreen;
  icon: React.ReactNode;
  label: string;
  keys: string;
}

/**
 * Menu entries of issue 15 points 4-5: announcements for supervisors and
 * admins (who publish), the defect list for second line and up (who move
 * defects along); the core refuses the same to anyone else.
 */
export function useNoticeNav(leave: (to: () => void) => void): NoticeNavItem[] {
  const { t } = useTranslation();
  const role = useAgentSession()?.agent?.role;
  const go = useNavStore((s) => s.go);
  const publishes = role !== undefined && canPublish(role);
  const tracks = role !== undefined && canSetDefectStatus(role);
  useHotkey({ code: 'KeyY', ctrl: true, shift: true }, () => leave(() => go('announcements')), publishes);
  useHotkey({ code: 'KeyE', ctrl: true, shift: true }, () => leave(() => go('defects')), tracks);
  const items: NoticeNavItem[] = [];
  if (publishes) items.push({ key: 'announcements', icon: <NotificationOutlined />, label: t('notices.nav.announcements'), keys: t('notices.keys.navAnnouncements') });
  if (tracks) items.push({ key: 'defects', icon: <BugOutlined />, label: t('notices.nav.defects'), keys: t('notices.keys.navDefects') });
  return items;
}

export function NoticeScreens({ screen }: { screen: Screen }): React.JSX.Element | null {
  if (screen === 'announcements') return <AnnouncementsScreen />;
  if (screen === 'defects') return <DefectsScreen />;
  return null;
}
