import { DesktopOutlined, MoonOutlined, SunOutlined } from '@ant-design/icons';
import { App, Flex, Layout, Segmented, Select, Switch, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, THEMES, type UiSettings } from '../../shared/settings.js';
import { errorText } from '../i18n/messages.js';
import { useSettingsStore } from './settingsStore.js';
import { StoreHealth } from './StoreHealth.js';
import { SyncIndicator } from '../sync/SyncIndicator.js';
import { AgentStateControl } from '../desk/AgentStateControl.js';
import { searchable } from './selectSearch.js';

const THEME_ICONS: Record<UiSettings['theme'], React.ReactNode> = {
  light: <SunOutlined />,
  dark: <MoonOutlined />,
  system: <DesktopOutlined />,
};

export function HeaderBar(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const settings = useSettingsStore((s) => s.settings);
  const update = useSettingsStore((s) => s.update);

  const apply = async (patch: Partial<UiSettings>): Promise<void> => {
    const error = await update(patch);
    if (error) void message.error(`${t('header.settingsFailed')}: ${errorText(t, error)}`);
  };

  return (
    <Layout.Header className="app-header" style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {t('app.title')}
        </Typography.Text>
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
      </Flex>
      <Flex align="center" gap={12} style={{ minWidth: 0 }}>
        <AgentStateControl />
        <SyncIndicator />
        <StoreHealth />
        <Flex align="center" gap={4}>
          <Switch
            size="small"
            checked={settings.compact}
            onChange={(compact) => void apply({ compact })}
            aria-label={t('header.compact')}
            data-testid="compact-switch"
            id="compact-switch"
          />
          <label htmlFor="compact-switch">
            <Typography.Text>{t('header.compact')}</Typography.Text>
          </label>
        </Flex>
        <Segmented<UiSettings['theme']>
          size="small"
          aria-label={t('header.theme')}
          data-testid="theme-switch"
          value={settings.theme}
          onChange={(value) => void apply({ theme: value })}
          options={THEMES.map((value) => ({
            value,
            label: (
              <Tooltip title={t(`themes.${value}`)}>
                <span data-testid={`theme-${value}`}>
                  {THEME_ICONS[value]}
                  <span className="sr-only">{t(`themes.${value}`)}</span>
                </span>
              </Tooltip>
            ),
          }))}
        />
        <Select<UiSettings['locale']>
          {...searchable}
          size="small"
          aria-label={t('header.language')}
          data-testid="locale-switch"
          value={settings.locale}
          onChange={(locale) => void apply({ locale })}
          options={LOCALES.map((value) => ({ value, label: t(`locales.${value}`) }))}
          style={{ width: 92 }}
        />
      </Flex>
    </Layout.Header>
  );
}
