/**
 * What the launcher says on the terminal, in the language of the machine
 * (zh* → Chinese, anything else → English). An office in China often
 * cannot reach GitHub, where Electron's releases live: the paragraph says
 * how to use a mirror and how to run the same workstation without Electron.
 */
export type LauncherLocale = 'zh-CN' | 'en';

/** LC_ALL, LC_MESSAGES, LANG, then the ICU default (Windows sets no LANG). */
export function launcherLocale(env: NodeJS.ProcessEnv, icuLocale: string): LauncherLocale {
  const tag = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || icuLocale;
  return tag.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface UnavailableFacts {
  version: string;
  /** ELECTRON_MIRROR (or its npm_config_ spelling) if one was set */
  mirror: string | undefined;
  cause: string;
}

export function electronUnavailable(locale: LauncherLocale, facts: UnavailableFacts): string {
  const source = facts.mirror ? facts.mirror : 'https://github.com/electron/electron/releases';
  if (locale === 'zh-CN') {
    return (
      `无法启动工作台：未能获取 Electron ${facts.version} 运行时（下载地址 ${source}；原因：${facts.cause}）。` +
      `如果本机无法访问 GitHub，请把环境变量 ELECTRON_MIRROR 设为 Electron 发布文件的镜像地址后重试，` +
      `例如 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start（在 Windows 的 PowerShell 中先执行 $env:ELECTRON_MIRROR="…"）；` +
      `下载的文件会按 Electron 自带的校验和核对，并缓存在 electron_config_cache 指定的目录。` +
      `也可以不用 Electron，运行 npm run start:browser，在浏览器中使用同一个工作台。`
    );
  }
  return (
    `The workstation cannot start: the Electron ${facts.version} runtime could not be fetched (from ${source}; cause: ${facts.cause}). ` +
    `If this PC cannot reach GitHub, set ELECTRON_MIRROR to a mirror of the Electron releases and try again, ` +
    `e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start (in Windows PowerShell: $env:ELECTRON_MIRROR="…" first); ` +
    `the download is verified against Electron's checksums and cached in the folder electron_config_cache names. ` +
    `Or run the same workstation without Electron, in a browser: npm run start:browser`
  );
}

export function downloading(locale: LauncherLocale, version: string, mirror: string | undefined): string {
  const from = mirror ?? 'https://github.com/electron/electron/releases';
  return locale === 'zh-CN' ? `首次启动：正在下载 Electron ${version} 运行时（${from}）…` : `First start: fetching the Electron ${version} runtime (${from})...`;
}
