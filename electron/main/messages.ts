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
    reminderBody: '{subject}\n到期：{due}',
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
    reminderBody: '{subject}\nDue: {due}',
  },
} as const;

export type MessageKey = keyof (typeof catalogue)['en'];

export function t(locale: UiSettings['locale'], key: MessageKey, vars: Record<string, string> = {}): string {
  return catalogue[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
