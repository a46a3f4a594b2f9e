import { ProfileOutlined } from '@ant-design/icons';
import { Layout, Menu, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TicketsScreen } from '../tickets/TicketsScreen.js';
import { HeaderBar } from './HeaderBar.js';

/** Only screens that work are listed; more join this union as they are built. */
type Screen = 'tickets';

export function AppShell(): React.JSX.Element {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [screen, setScreen] = useState<Screen>('tickets');
  const [collapsed, setCollapsed] = useState(false);
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  return (
    <Layout className="app-layout">
      <HeaderBar />
      <Layout>
        <Layout.Sider
          width={148}
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
              onClick={({ key }) => setScreen(key as Screen)}
              style={{ borderInlineEnd: 'none' }}
              items={[{ key: 'tickets', icon: <ProfileOutlined />, label: <span data-testid="nav-tickets">{t('app.nav.tickets')}</span> }]}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="app-content">{screen === 'tickets' && <TicketsScreen />}</Layout.Content>
      </Layout>
    </Layout>
  );
}
