import { theme, type ThemeConfig } from 'antd';

/** System CJK fonts only: the app is offline and the CSP allows no remote fonts. */
export const FONT_FAMILY =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", system-ui, -apple-system, sans-serif';

export function themeConfig(dark: boolean, compact: boolean): ThemeConfig {
  const algorithm = [dark ? theme.darkAlgorithm : theme.defaultAlgorithm];
  if (compact) algorithm.push(theme.compactAlgorithm);
  return {
    algorithm,
    token: { fontFamily: FONT_FAMILY, borderRadius: 4, fontSize: 13 },
    components: {
      // styles.css (.below-header) opens drawers under this height: keep the two equal.
      Layout: { headerHeight: 44, headerPadding: '0 12px' },
      Table: { cellPaddingBlockSM: 6 },
      Form: { itemMarginBottom: 14, verticalLabelPadding: '0 0 2px' },
      Descriptions: { itemPaddingBottom: 4 },
    },
  };
}
