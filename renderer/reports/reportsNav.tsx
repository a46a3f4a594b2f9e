import { AuditOutlined, BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavStore, type Screen } from '../app/navStore.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useAgentSession } from '../work/useSession.js';
import { QualityScreen } from './QualityScreen.js';
import { ReportsScreen } from './ReportsScreen.js';

type ReportsScreenName = Extract<Screen, 'reports' | 'quality'>;
export interface ReportsNavItem {
  key: ReportsScreenName;
  icon: React.ReactNode;
  label: string;
  keys: string;
}

/**
 * 报表 (Ctrl+9) for supervisors and admins; 质检 (Ctrl+Shift+9) for everyone
 * signed in: supervisors review, agents read their own reviews. The core
 * checks the same rights.
 */
export function useReportsNav(leave: (to: () => void) => void): ReportsNavItem[] {
  const { t } = useTranslation();
  const session = useAgentSession();
  const go = useNavStore((s) => s.go);
  const role = session?.agent?.role;
  const supervising = role === 'supervisor' || role === 'admin';
  useHotkey({ code: 'Digit9', ctrl: true }, () => leave(() => go('reports')), supervising);
  useHotkey({ code: 'Digit9', ctrl: true, shift: true }, () => leave(() => go('quality')), role !== undefined);
  const items: ReportsNavItem[] = [];
  if (supervising) items.push({ key: 'reports', icon: <BarChartOutlined />, label: t('reports.nav.reports'), keys: t('reports.keys.navReports') });
  if (role !== undefined) items.push({ key: 'quality', icon: <AuditOutlined />, label: t('reports.nav.quality'), keys: t('reports.keys.navQuality') });
  return items;
}

export function ReportsScreens({ screen }: { screen: Screen }): React.JSX.Element | null {
  if (screen === 'reports') return <ReportsScreen />;
  if (screen === 'quality') return <QualityScreen />;
  return null;
}
