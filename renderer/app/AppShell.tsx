import { BookOutlined, CustomerServiceOutlined, ProfileOutlined } from '@ant-design/icons';
import { WorkScreens, useWorkNav } from '../work/workNav.js';
import { SupervisorScreens, useSupervisorNav } from '../supervisor/supervisorNav.js';
import { ReportsScreens, useReportsNav } from '../reports/reportsNav.js';
import { NoticeScreens, useNoticeNav } from '../announcements/noticeNav.js';
// ---- attendance plan (issue 16 points 2-3)
import { PlanScreens, usePlanNav } from '../attendance/planNav.js';
import { DutyScreens, useDutyNav } from '../attendance/duty/dutyNav.js';
// ---- attendance: month and overtime (issue 16 points 4-5)
import { AttendanceScreens, useAttendanceNav } from '../attendance/attendanceNav.js';
import { App, Layout, Menu, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleScreen } from '../desk/ConsoleScreen.js';
import { useDeskRuntime } from '../desk/useDeskRuntime.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { ArticleEditorHost } from '../kb/ArticleEditorDrawer.js';
import { useKbUiStore } from '../kb/kbUiStore.js';
import { KnowledgeScreen } from '../kb/KnowledgeScreen.js';
import { TicketsScreen } from '../tickets/TicketsScreen.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { HeaderBar } from './HeaderBar.js';
// ---- archiving (issue 18 point 3): an older ticket read from the server, opened from search or screen-pop
import { ArchivedTicketDialog } from '../archive/ArchivedTicketDialog.js';
import { useNavStore, type Screen } from './navStore.js';

/** Ctrl+<digit> goes to the n-th screen, Ctrl+K to the knowledge-base search box from anywhere. */
const GO_CONSOLE = { code: 'Digit1', ctrl: true };
const GO_TICKETS = { code: 'Digit2', ctrl: true };
const GO_KB = { code: 'Digit3', ctrl: true };
const KB_SEARCH = { code: 'KeyK', ctrl: true };

export function AppShell(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  const [collapsed, setCollapsed] = useState(false);
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  /**
   * A screen switch unmounts the screen, so an open ticket form or article
   * editor (a half-typed call) must never be left that way by a shortcut;
   * their masks already keep the mouse off the menu.
   */
  const leave = (to: () => void): void => {
    if (useTicketUiStore.getState().form) {
      void message.info(t('kb.nav.formOpen'));
      return;
    }
    if (useKbUiStore.getState().editor) {
      void message.info(t('kb.nav.editorOpen'));
      return;
    }
    to();
  };
  useDeskRuntime();
  useHotkey(GO_CONSOLE, () => leave(() => go('console')));
  useHotkey(GO_TICKETS, () => leave(() => go('tickets')));
  useHotkey(GO_KB, () => leave(() => go('kb')));
  useHotkey(KB_SEARCH, () => leave(() => useNavStore.getState().focusKbSearch()));
  const workNav = useWorkNav(leave);
  const supervisorNav = useSupervisorNav(leave);
  const reportsNav = useReportsNav(leave);
  const noticeNav = useNoticeNav(leave);
  const planNav = usePlanNav(leave);
  const dutyNav = useDutyNav(leave);
  const attendanceNav = useAttendanceNav(leave);

  const item = (key: Screen, icon: React.ReactNode, label: string, keys: string): { key: Screen; icon: React.ReactNode; label: React.ReactNode; title: string } => ({
    key,
    icon,
    title: t('common.withShortcut', { label, keys }),
    label: (
      <span data-testid={`nav-${key}`} className="nav-label" title={t('common.withShortcut', { label, keys })}>
        <span>{label}</span>
        {!collapsed && <kbd className="nav-kbd">{keys}</kbd>}
      </span>
    ),
  });

  return (
    <Layout className="app-layout">
      <HeaderBar />
      <Layout>
        <Layout.Sider
          width={180}
          collapsedWidth={48}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
        >
          <nav aria-label={t('app.nav.label')}>
            <Menu
              mode="inline"
              selectedKeys={[screen]}
              onClick={({ key }) => leave(() => go(key as Screen))}
              style={{ borderInlineEnd: 'none' }}
              items={[
                item('console', <CustomerServiceOutlined />, t('desk.nav.console'), t('desk.keys.navConsole')),
                item('tickets', <ProfileOutlined />, t('app.nav.tickets'), t('keys.navTickets')),
                item('kb', <BookOutlined />, t('app.nav.kb'), t('keys.navKb')),
                ...workNav.map((w) => item(w.key, w.icon, w.label, w.keys)),
                ...supervisorNav.map((w) => item(w.key, w.icon, w.label, w.keys)),
                ...reportsNav.map((w) => item(w.key, w.icon, w.label, w.keys)),
                ...noticeNav.map((w) => item(w.key, w.icon, w.label, w.keys)),
                ...planNav.map((w) => item(w.key, w.icon, w.label, w.keys)),
                ...dutyNav.map((w) => item(w.key, w.icon, w.label, w.keys)),
                ...attendanceNav.map((w) => item(w.key, w.icon, w.label, w.keys)),
              ]}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="app-content">
          {screen === 'console' && <ConsoleScreen />}
          {screen === 'tickets' && <TicketsScreen />}
          {screen === 'kb' && <KnowledgeScreen />}
          <WorkScreens screen={screen} />
          <SupervisorScreens screen={screen} />
          <ReportsScreens screen={screen} />
          <NoticeScreens screen={screen} />
          <PlanScreens screen={screen} />
          <DutyScreens screen={screen} />
          <AttendanceScreens screen={screen} />
        </Layout.Content>
      </Layout>
      <ArticleEditorHost />
      <ArchivedTicketDialog />
    </Layout>
  );
}
