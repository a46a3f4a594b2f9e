import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Locale as AntLocale } from 'antd/es/locale';
import { useMemo } from 'react';
import type { UiSettings } from '../../shared/settings.js';
import { useSystemDark } from '../hooks/useSystemDark.js';
import { SessionGate } from '../desk/SessionGate.js';
import { isTvRoute } from '../supervisor/tv/tvKey.js';
import { TvWallboard } from '../supervisor/tv/TvWallboard.js';
import { AppShell } from './AppShell.js';
import { useSettingsStore } from './settingsStore.js';
import { themeConfig } from './theme.js';

const ANT_LOCALES: Record<UiSettings['locale'], AntLocale> = { 'zh-CN': zhCN, en: enUS };

/** Read once: the TV view (`#/wallboard/tv`) is a page of its own, not a screen of the signed-in app. */
const TV = isTvRoute();

export function App(): React.JSX.Element {
  const { locale, theme, compact } = useSettingsStore((s) => s.settings);
  const systemDark = useSystemDark();
  // A wall screen is always dark (a white wall of light across the room), whatever the desk's theme.
  const dark = TV || theme === 'dark' || (theme === 'system' && systemDark);
  const config = useMemo(() => themeConfig(dark, compact && !TV), [dark, compact]);
  // No space forced between two CJK characters in buttons ("解 决"): it reads as a typo in a dense toolbar.
  return (
    <ConfigProvider locale={ANT_LOCALES[locale]} theme={config} button={{ autoInsertSpace: false }}>
      {/* One toast at a time, briefly: stacked toasts cover the detail drawer's action buttons the agent clicks next. */}
      <AntApp className={dark ? 'app-root app-dark' : 'app-root'} message={{ maxCount: 1, duration: 2.5 }}>
        {TV ? (
          <TvWallboard />
        ) : (
          <SessionGate>
            <AppShell />
          </SessionGate>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
