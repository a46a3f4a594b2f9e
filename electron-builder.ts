import type { Configuration } from 'electron-builder';

/*
 * Installers for office PCs (`npm run dist`): Windows NSIS for shared PCs,
 * Linux deb and AppImage. electron-builder finds this file by its name.
 * tests/integration/package.test.ts packs the linux `dir` target with a
 * stand-in Electron and checks what lands in the package and the fuses.
 *
 * File and artifact names stay ASCII (hotline-workstation): the product name
 * 热线工作台 is what people see (window, shortcuts, installer, menu entry),
 * but install paths, deb package names and download links survive every
 * code page, shell and proxy only in ASCII. One exception: the deb installs
 * into /opt/<productName>/ (electron-builder has no setting for it); the
 * binary in it and /usr/bin/hotline-workstation stay ASCII.
 */

/** Never change: Windows keys the installation (and its uninstaller) on it. */
export const APP_ID = 'cn.hotline.workstation';
export const EXECUTABLE = 'hotline-workstation';

const config: Configuration = {
  appId: APP_ID,
  productName: '热线工作台',
  executableName: EXECUTABLE,
  directories: { output: 'dist', buildResources: 'resources/build' },
  // Only the built app and what it reads at run time. Production
  // node_modules are added by electron-builder from `dependencies`.
  files: [
    'out/**/*',
    'package.json',
    'resources/kb/*.jsonl',
    'resources/icons/png/*.png',
    '!**/*.map',
    // TypeScript sources and declarations that packages ship (ajv, zod):
    // Electron never loads them, an installer only carries their weight.
    '!node_modules/**/*.{ts,mts,cts,tsx}',
    // sql.js ships ~30 MB of variants (asm.js, debug, browser, zips); the
    // core imports the default entry, which loads sql-wasm.wasm.
    '!node_modules/sql.js/dist/!(sql-wasm.js|sql-wasm.wasm)',
    // jieba-wasm (the knowledge base's Chinese segmenter, issue 17) ships one
    // 4 MB build per target; the core loads the Node one (pkg/nodejs).
    '!node_modules/jieba-wasm/pkg/{bundler,deno,web}/**',
  ],
  // The core's worker thread loads out/main/worker.js and reads
  // sql-wasm.wasm from inside app.asar: Electron has set up its asar fs in
  // worker_threads since 17 (electron/electron#33216, spec "should start
  // worker thread from asar file"), so nothing needs unpacking.
  asar: true,
  // No native modules: nothing to rebuild for Electron's ABI, and packing
  // must not need node-gyp or Electron's headers from the network.
  npmRebuild: false,
  // The console is zh-CN first, en second: Chromium's other 50-odd locale
  // packs only cost download size.
  electronLanguages: ['zh-CN', 'en-US'],
  // Electron takes the Linux app_id / WM_CLASS from desktopName; it must
  // match the installed .desktop file so the dock groups our windows.
  // author: the publisher Windows shows under Apps (and the exe's
  // CompanyName, the default copyright line); package.json has none.
  extraMetadata: { desktopName: `${EXECUTABLE}.desktop`, author: { name: 'Hotline Workstation' } },
  // `tel:` links (a number in a mail, the intranet directory) open the
  // console's dialler: Linux gets MimeType=x-scheme-handler/tel; in the
  // desktop entry. On Windows resources/build/installer.nsh registers it.
  protocols: [{ name: 'Telephone number', schemes: ['tel'] }],
  // Locks down the shipped binary (Electron "Fuses"): no running it as plain
  // Node, no NODE_OPTIONS or --inspect to inject code into an agent's
  // session, cookies encrypted at rest, and only our app.asar may be loaded.
  // Asar integrity is checked by Electron on Windows (and macOS) only; on
  // Linux the fuse is set but Electron has no embedded hash to check.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    // The renderer is served from app:// (electron/main/protocol.ts), so
    // file:// pages need none of the privileges Chromium gives them in Electron.
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icons/icon.ico',
  },
  nsis: {
    // Shared office PCs: one installation under Program Files for every
    // Windows account, installed by IT (elevation), not one per user.
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: 'always',
    createStartMenuShortcut: true,
    shortcutName: '热线工作台',
    uninstallDisplayName: '热线工作台 (Hotline Workstation)',
    // Chinese first; the English text is chosen on an English Windows.
    installerLanguages: ['zh_CN', 'en_US'],
    language: '2052',
    multiLanguageInstaller: true,
    // Agents' tickets and journals live in the user data folder: an
    // uninstall or reinstall must never delete them.
    deleteAppDataOnUninstall: false,
    // Registers the console for tel: (electron-builder's `protocols` does
    // not reach NSIS); see the file.
    include: 'resources/build/installer.nsh',
    artifactName: `${EXECUTABLE}-setup-\${version}-\${arch}.\${ext}`,
  },
  linux: {
    target: [
      { target: 'deb', arch: ['x64'] },
      { target: 'AppImage', arch: ['x64'] },
    ],
    icon: 'resources/icons/png',
    category: 'Office',
    synopsis: 'Hotline and technical-support workstation',
    // The deb's Maintainer field needs an address: replace with the team
    // that supports the PCs before shipping.
    maintainer: 'Hotline Workstation <it@hotline.invalid>',
    syncDesktopName: true,
    desktop: {
      entry: {
        GenericName: 'Hotline Workstation',
        'Name[en]': 'Hotline Workstation',
        'Name[zh_CN]': '热线工作台',
        'Comment[zh_CN]': '热线与技术支持呼叫中心的离线优先工作台',
        Keywords: 'hotline;call;ticket;telephone;热线;工单;',
      },
    },
  },
  deb: { artifactName: `${EXECUTABLE}_\${version}_\${arch}.\${ext}` },
  appImage: { artifactName: `${EXECUTABLE}-\${version}-\${arch}.\${ext}` },
};

export default config;
