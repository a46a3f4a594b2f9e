import type { TrayLabels } from '../../shared/desktop/tray.js';
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
    reminder_sla_warning: 'SLA 即将到期',
    reminder_sla_breach: 'SLA 已超时',
    reminder_contact_owed: '需联系客户说明进展（4 小时规则）',
    reminder_callback_due: '回电时间到',
    reminder_callback_released: '回电已超时，可由组内接手',
    reminder_follow_up_due: '回访到期',
    reminder_work_order_feedback: '上门服务反馈待填写',
    reminder_defect_fixed: '您工单关联的产品缺陷已修复',
    reminderBody: '{subject}\n到期：{due}',
    traySignedOut: '未登录',
    trayOffline: '离线',
    trayReady: '就绪',
    trayOnCall: '通话中',
    trayAfterCall: '话后处理',
    trayNotReady: '示忙',
    trayNotTakingCalls: '不接电话',
    trayMenuReady: '示闲（就绪）',
    trayMenuNotReady: '示忙',
    trayShow: '显示工作台',
    traySignOut: '退出登录',
    trayQuit: '退出工作台',
    closeTitle: '关闭工作台',
    closeMessage: '{agent} 仍在班上。要让工作台在托盘中继续运行吗？',
    closeDetail: '继续运行时，来电、提醒和坐席状态照常工作，点击托盘图标即可回到窗口。退出则会把坐席状态记为离线。',
    closeKeep: '在托盘中继续运行',
    closeQuit: '退出工作台',
    closeCancel: '取消',
    closeRemember: '不再询问',
    menuZoomIn: '放大',
    menuZoomOut: '缩小',
    menuZoomReset: '实际大小',
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
    reminder_sla_warning: 'SLA due soon',
    reminder_sla_breach: 'SLA breached',
    reminder_contact_owed: 'Contact the customer with a status update (4-hour rule)',
    reminder_callback_due: 'Callback due',
    reminder_callback_released: 'Callback overdue: anyone on the team may take it',
    reminder_follow_up_due: 'Follow-up call due',
    reminder_work_order_feedback: 'Field service feedback due',
    reminder_defect_fixed: 'A product defect on your ticket was fixed',
    reminderBody: '{subject}\nDue: {due}',
    traySignedOut: 'Signed out',
    trayOffline: 'Offline',
    trayReady: 'Ready',
    trayOnCall: 'On a call',
    trayAfterCall: 'After-call work',
    trayNotReady: 'Not ready',
    trayNotTakingCalls: 'Not taking calls',
    trayMenuReady: 'Ready',
    trayMenuNotReady: 'Not ready',
    trayShow: 'Show the workstation',
    traySignOut: 'Sign out',
    trayQuit: 'Quit the workstation',
    closeTitle: 'Close the workstation',
    closeMessage: '{agent} is still on shift. Keep the workstation running in the tray?',
    closeDetail: 'While it runs, calls, reminders and your agent state keep working; click the tray icon to get the window back. Quitting logs you offline.',
    closeKeep: 'Keep running in the tray',
    closeQuit: 'Quit',
    closeCancel: 'Cancel',
    closeRemember: "Don't ask again",
    menuZoomIn: 'Zoom in',
    menuZoomOut: 'Zoom out',
    menuZoomReset: 'Actual size',
  },
} as const;

export type MessageKey = keyof (typeof catalogue)['en'];

export function t(locale: UiSettings['locale'], key: MessageKey, vars: Record<string, string> = {}): string {
  return catalogue[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** The tray's texts in the shell's language (shared/desktop/tray.ts builds the menu from them). */
export function trayLabels(locale: UiSettings['locale']): TrayLabels {
  return {
    appName: t(locale, 'title'),
    signedOut: t(locale, 'traySignedOut'),
    states: {
      offline: t(locale, 'trayOffline'),
      ready: t(locale, 'trayReady'),
      on_call: t(locale, 'trayOnCall'),
      after_call: t(locale, 'trayAfterCall'),
      not_ready: t(locale, 'trayNotReady'),
    },
    notTakingCalls: t(locale, 'trayNotTakingCalls'),
    ready: t(locale, 'trayMenuReady'),
    notReady: t(locale, 'trayMenuNotReady'),
    show: t(locale, 'trayShow'),
    signOut: t(locale, 'traySignOut'),
    quit: t(locale, 'trayQuit'),
  };
}
