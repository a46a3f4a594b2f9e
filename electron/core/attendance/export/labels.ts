/** Titles and headers of the two sheets, zh-CN first (what payroll in a Chinese office reads) and English. */
import type { LeaveType, OvertimeKind } from '../../../../shared/attendance/schema.js';

export type SheetLocale = 'zh-CN' | 'en';

export interface SheetLabels {
  attendanceTitle: (month: string, team: string | null) => string;
  overtimeTitle: (month: string, team: string | null) => string;
  agentId: string;
  name: string;
  team: string;
  weekdays: readonly string[];
  totals: {
    scheduled: string;
    attended: string;
    lateCount: string;
    lateMinutes: string;
    earlyCount: string;
    earlyMinutes: string;
    absent: string;
    leave: string;
    rest: string;
    ot150: string;
    ot200: string;
    ot300: string;
    timeOff: string;
  };
  leave: Record<LeaveType, string>;
  legend: string;
  legendItems: { normal: string; late: string; early: string; absent: string; leave: string; rest: string; overtime: string };
  preparedBy: string;
  checkedBy: string;
  signDate: string;
  overtime: { date: string; kind: string; minutes: string; hours: string; rate: string; compensation: string; approver: string; decidedAt: string; subtotal: string; total: string };
  kinds: Record<OvertimeKind, string>;
  compensation: { pay: string; time_off: string };
  sheetNames: { attendance: string; overtime: string; summary: string };
}

const ZH: SheetLabels = {
  attendanceTitle: (m, t) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月 月度考勤表${t ? ` · ${t}` : ''}`,
  overtimeTitle: (m, t) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月 加班统计表${t ? ` · ${t}` : ''}`,
  agentId: '工号',
  name: '姓名',
  team: '班组',
  weekdays: ['日', '一', '二', '三', '四', '五', '六'],
  totals: {
    scheduled: '应出勤(天)',
    attended: '实出勤(天)',
    lateCount: '迟到(次)',
    lateMinutes: '迟到(分)',
    earlyCount: '早退(次)',
    earlyMinutes: '早退(分)',
    absent: '旷工(天)',
    leave: '请假(天)',
    rest: '休息(天)',
    ot150: '加班150%(时)',
    ot200: '加班200%(时)',
    ot300: '加班300%(时)',
    timeOff: '调休(时)',
  },
  leave: { annual: '年假', personal: '事假', sick: '病假', comp: '调休假', marriage: '婚假', maternity: '产假', other: '其他假' },
  legend: '图例',
  legendItems: { normal: '出勤', late: '迟到', early: '早退', absent: '旷工', leave: '请假', rest: '休息', overtime: '加班(已审定)' },
  preparedBy: '制表人：',
  checkedBy: '审核人：',
  signDate: '日期：',
  overtime: { date: '日期', kind: '类别', minutes: '分钟', hours: '小时', rate: '倍率', compensation: '补偿方式', approver: '审批人', decidedAt: '审批时间', subtotal: '小计', total: '合计' },
  kinds: { workday: '工作日延时', restday: '休息日', holiday: '法定节假日' },
  compensation: { pay: '加班费', time_off: '调休' },
  sheetNames: { attendance: '月度考勤表', overtime: '加班统计表', summary: '按人合计' },
};

const EN: SheetLabels = {
  attendanceTitle: (m, t) => `Monthly attendance ${m}${t ? ` · ${t}` : ''}`,
  overtimeTitle: (m, t) => `Overtime ${m}${t ? ` · ${t}` : ''}`,
  agentId: 'Agent',
  name: 'Name',
  team: 'Team',
  weekdays: ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'],
  totals: {
    scheduled: 'Scheduled (d)',
    attended: 'Attended (d)',
    lateCount: 'Late (times)',
    lateMinutes: 'Late (min)',
    earlyCount: 'Early (times)',
    earlyMinutes: 'Early (min)',
    absent: 'Absent (d)',
    leave: 'Leave (d)',
    rest: 'Rest (d)',
    ot150: 'OT 150% (h)',
    ot200: 'OT 200% (h)',
    ot300: 'OT 300% (h)',
    timeOff: 'Time off in lieu (h)',
  },
  leave: { annual: 'Annual', personal: 'Personal', sick: 'Sick', comp: 'Comp', marriage: 'Marriage', maternity: 'Maternity', other: 'Other leave' },
  legend: 'Legend',
  legendItems: { normal: 'present', late: 'late', early: 'left early', absent: 'absent', leave: 'leave', rest: 'rest', overtime: 'overtime (approved)' },
  preparedBy: 'Prepared by:',
  checkedBy: 'Checked by:',
  signDate: 'Date:',
  overtime: { date: 'Date', kind: 'Kind', minutes: 'Minutes', hours: 'Hours', rate: 'Rate', compensation: 'Compensation', approver: 'Approver', decidedAt: 'Approved at', subtotal: 'Subtotal', total: 'Total' },
  kinds: { workday: 'Workday extension', restday: 'Rest day', holiday: 'Statutory holiday' },
  compensation: { pay: 'Pay', time_off: 'Time off' },
  sheetNames: { attendance: 'Attendance', overtime: 'Overtime', summary: 'Per agent' },
};

export function sheetLabels(locale: SheetLocale): SheetLabels {
  return locale === 'en' ? EN : ZH;
}
