import { CalendarOutlined, NodeIndexOutlined, SettingOutlined, SunOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavStore, type Screen } from '../app/navStore.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { AdminScreen } from './AdminScreen.js';
import { CallbacksScreen } from './CallbacksScreen.js';
import { MyDayScreen } from './MyDayScreen.js';
import { QueueScreen } from './QueueScreen.js';
import { ReminderHost } from './ReminderHost.js';
import { useAgentSession } from './useSession.js';

type WorkScreen = Extract<Screen, 'myDay' | 'queue' | 'callbacks' | 'admin'>;
export interface WorkNavItem {
  key: WorkScreen;
  icon: React.ReactNode;
  label: string;
  keys: string;
}

const KEYS: Record<WorkScreen, string> = { myDay: 'Digit4', queue: 'Digit5', callbacks: 'Digit6', admin: 'Digit7' };

/**
 * The work screens' menu entries and Ctrl+digit shortcuts, after the shell's
 * own (console, tickets, knowledge). The admin screen is offered to admins
 * only; its shortcut does nothing for anyone else.
 */
export function useWorkNav(leave: (to: () => void) => void): WorkNavItem[] {
  const { t } = useTranslation();
  const session = useAgentSession();
  const go = useNavStore((s) => s.go);
  const isAdmin = session?.agent?.role === 'admin';
  useHotkey({ code: KEYS.myDay, ctrl: true }, () => leave(() => go('myDay')));
  useHotkey({ code: KEYS.queue, ctrl: true }, () => leave(() => go('queue')));
  useHotkey({ code: KEYS.callbacks, ctrl: true }, () => leave(() => go('callbacks')));
  useHotkey({ code: KEYS.admin, ctrl: true }, () => leave(() => go('admin')), isAdmin);
  const items: WorkNavItem[] = [
    { key: 'myDay', icon: <SunOutlined />, label: t('work.nav.myDay'), keys: t('work.keys.navMyDay') },
    { key: 'queue', icon: <NodeIndexOutlined />, label: t('work.nav.queue'), keys: t('work.keys.navQueue') },
    { key: 'callbacks', icon: <CalendarOutlined />, label: t('work.nav.callbacks'), keys: t('work.keys.navCallbacks') },
  ];
  if (isAdmin) items.push({ key: 'admin', icon: <SettingOutlined />, label: t('work.nav.admin'), keys: t('work.keys.navAdmin') });
  return items;
}

/** The work screen on show (if any) and the reminder listener, which stays mounted on every screen. */
export function WorkScreens({ screen }: { screen: Screen }): React.JSX.Element {
  return (
    <>
      <ReminderHost />
      {screen === 'myDay' && <MyDayScreen />}
      {screen === 'queue' && <QueueScreen />}
      {screen === 'callbacks' && <CallbacksScreen />}
      {screen === 'admin' && <AdminScreen />}
    </>
  );
}
