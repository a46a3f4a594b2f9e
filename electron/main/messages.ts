import type { UiSettings } from '../../shared/settings.js';

/**
 * The few strings the shell itself shows before or without the renderer
 * (error boxes, menu). The renderer's i18n catalogue holds everything else.
 */
const catalogue = {
  'zh-CN': {
    title: '热线工作台',
    folderInUseTitle: '数据文件夹正在使用',
    folderInUse: '另一个窗口或命令正在使用该数据文件夹：\n{dir}\n请先关闭它，然后重新打开工作台。',
    startFailedTitle: '工作台无法启动',
    startFailed: '无法打开数据文件夹 {dir}：\n{message}',
    coreStoppedTitle: '数据服务已停止',
    coreStopped: '数据服务意外停止，工作台将重新启动。已保存的数据不会丢失。\n{message}',
    menuFile: '文件',
    menuEdit: '编辑',
    menuView: '视图',
    menuWindow: '窗口',
  },
  en: {
    title: 'Hotline Workstation',
    folderInUseTitle: 'Data folder in use',
    folderInUse: 'Another window or command is using the data folder:\n{dir}\nClose it first, then open the workstation again.',
    startFailedTitle: 'The workstation cannot start',
    startFailed: 'Could not open the data folder {dir}:\n{message}',
    coreStoppedTitle: 'Data service stopped',
    coreStopped: 'The data service stopped unexpectedly; the workstation will restart. Saved data is not lost.\n{message}',
    menuFile: 'File',
    menuEdit: 'Edit',
    menuView: 'View',
    menuWindow: 'Window',
  },
} as const;

export type MessageKey = keyof (typeof catalogue)['en'];

export function t(locale: UiSettings['locale'], key: MessageKey, vars: Record<string, string> = {}): string {
  return catalogue[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
