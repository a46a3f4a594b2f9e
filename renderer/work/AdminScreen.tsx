import { Flex, Result, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AccountsPanel } from '../admin/AccountsPanel.js';
import { ConfigPanel } from './ConfigPanel.js';
import { CtiPanel } from './CtiPanel.js';
import { PhoneConnectorPanel } from './PhoneConnectorPanel.js';
import { SoftphoneSettingsPanel } from './SoftphoneSettingsPanel.js';
import { useAgentSession } from './useSession.js';
// ---- attendance plan (issue 16 point 3): the admin screens warn when a year has no holiday calendar
import { CalendarWarning } from '../attendance/CalendarWarning.js';
// ---- teams, seats and skills (issue 16 point 1)
import { TeamsPanel } from '../admin/TeamsPanel.js';

/**
 * Admin only: the core refuses these channels to other roles too; the screen
 * just does not offer them. One tab per job, so the long configuration form
 * never pushes the accounts off screen.
 */
export function AdminScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const session = useAgentSession();
  const agent = session?.agent ?? null;
  if (session && agent?.role !== 'admin') return <Result status="403" subTitle={t('work.admin.only')} data-testid="admin-forbidden" />;
  return (
    <div className="work-screen" data-testid="admin-screen">
      <CalendarWarning />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('work.admin.title')}
      </Typography.Title>
      <Tabs
        defaultActiveKey="config"
        items={[
          { key: 'config', label: t('work.config.title'), children: <ConfigPanel /> },
          { key: 'accounts', label: t('work.accounts.title'), children: <AccountsPanel me={agent?.username ?? null} /> },
          { key: 'teams', label: t('teams.tab'), children: <TeamsPanel /> },
          {
            key: 'cti',
            label: t('work.cti.title'),
            // Events in (the endpoint) and commands out (the connector): both halves of the phone link on one tab.
            children: (
              <Flex vertical gap={16}>
                <CtiPanel />
                <PhoneConnectorPanel />
                <SoftphoneSettingsPanel />
              </Flex>
            ),
          },
        ]}
      />
    </div>
  );
}
