import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Dropdown, Empty, Flex, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceSheet, SheetAgent } from '../../../shared/attendance/contract.js';
import { call } from '../../api/client.js';
import { useSettingsStore } from '../../app/settingsStore.js';
import { errorText } from '../../i18n/messages.js';
import { saveExport } from '../../reports/saveExport.js';
import { useLive } from '../../work/useLive.js';
import { DayDetailDrawer } from './DayDetailDrawer.js';
import '../attendance.css';
import { useTeamNames } from '../../admin/useTeamNames.js';

type Cell = SheetAgent['cells'][number];
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const hours = (minutes: number): string => (Math.round((minutes / 60) * 10) / 10).toString();

/** The day column's shade: weekends grey, statutory and holiday-range days rose (as on the printed sheet). */
function shadeOf(day: AttendanceSheet['days'][number]): string {
  if (day.dayType === 'statutory' || day.dayType === 'holiday_rest') return 'att-holiday';
  if (day.dayType === 'weekend') return 'att-weekend';
  if (day.dayType === 'adjusted_workday') return 'att-adjusted';
  return '';
}

/**
 * 月度考勤 (issue 16 point 4): one row per agent, a column per day with the
 * configured symbols, the month's totals (overtime: approved only). Agents
 * see their own month, supervisors their team, admins all or one team. A
 * cell opens the day's detail: the presence spans it came from and the
 * corrections, where supervisors add a missing sign-in or sign-out.
 */
export function AttendanceMonthScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const teamName = useTeamNames();
  const { message } = App.useApp();
  const locale = useSettingsStore((s) => s.settings.locale);
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [team, setTeam] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<{ agent: SheetAgent; date: string } | null>(null);
  const request = team ? { month, team } : { month };
  const data = useLive('attendance:sheet', request, { kinds: ['attendance', 'config', 'agents'] });
  const sheet = data.value;

  const exportSheet = async (kind: 'attendance' | 'overtime', format: 'xlsx' | 'csv'): Promise<void> => {
    const result = await call('attendance:export', { sheet: kind, month, format, locale, ...(team ? { team } : {}) });
    if (!result.ok) {
      void message.error(t('attendance.month.exportFailed', { error: errorText(t, result.error) }));
      return;
    }
    const saved = await saveExport(result.value);
    if (saved.kind === 'failed') void message.error(t('attendance.month.exportFailed', { error: errorText(t, saved.error) }));
    else if (saved.kind !== 'cancelled') void message.success(t('attendance.month.exported', { file: saved.file, rows: result.value.rows }));
  };

  const dayColumns: ColumnsType<SheetAgent> = (sheet?.days ?? []).map((d, i) => ({
    key: d.date,
    title: (
      <span className="att-dayhead" title={d.holiday ?? t(`attendance.dayType.${d.dayType}`)}>
        <span>{Number(d.date.slice(8, 10))}</span>
        <span className="att-weekday">{t(`attendance.month.weekdays.${WEEKDAY_KEYS[d.weekday % 7] ?? 'sun'}`)}</span>
      </span>
    ),
    width: 40,
    align: 'center',
    className: shadeOf(d),
    onHeaderCell: () => ({ className: shadeOf(d) }),
    render: (_: unknown, a: SheetAgent) => {
      const c: Cell | undefined = a.cells[i];
      if (!c) return null;
      const label = t('attendance.month.cellLabel', { name: a.name, date: c.date, status: t(`attendance.status.${c.status}`) }) + (c.corrected ? ` (${t('attendance.month.corrected')})` : '');
      return (
        <button type="button" className={`att-cell att-${c.status}${c.corrected ? ' att-corrected' : ''}`} aria-label={label} title={label} onClick={() => setOpen({ agent: a, date: c.date })} data-testid={`att-cell-${a.agentId}-${c.date}`}>
          {c.text}
        </button>
      );
    },
  }));

  const columns: ColumnsType<SheetAgent> = [
    { key: 'name', title: t('attendance.month.agent'), fixed: 'left', width: 96, render: (_, a) => <span title={a.agentId}>{a.name}</span> },
    ...dayColumns,
    { key: 'scheduled', title: t('attendance.month.totals.scheduled'), width: 64, align: 'right', render: (_, a) => a.totals.scheduledDays },
    { key: 'attended', title: t('attendance.month.totals.attended'), width: 64, align: 'right', render: (_, a) => a.totals.attendedDays },
    { key: 'late', title: t('attendance.month.totals.late'), width: 84, align: 'right', render: (_, a) => t('attendance.month.times', { n: a.totals.lateCount, m: a.totals.lateMinutes }) },
    { key: 'early', title: t('attendance.month.totals.early'), width: 84, align: 'right', render: (_, a) => t('attendance.month.times', { n: a.totals.earlyCount, m: a.totals.earlyMinutes }) },
    { key: 'absent', title: t('attendance.month.totals.absent'), width: 56, align: 'right', render: (_, a) => a.totals.absentDays },
    { key: 'leave', title: t('attendance.month.totals.leave'), width: 56, align: 'right', render: (_, a) => a.totals.leaveDays },
    { key: 'ot150', title: t('attendance.month.totals.ot150'), width: 72, align: 'right', render: (_, a) => t('attendance.month.hours', { n: hours(a.approvedMinutes.workday) }) },
    { key: 'ot200', title: t('attendance.month.totals.ot200'), width: 72, align: 'right', render: (_, a) => t('attendance.month.hours', { n: hours(a.approvedMinutes.restday) }) },
    { key: 'ot300', title: t('attendance.month.totals.ot300'), width: 72, align: 'right', render: (_, a) => t('attendance.month.hours', { n: hours(a.approvedMinutes.holiday) }) },
  ];

  const s = sheet?.symbols;
  return (
    <div className="work-screen attendance" data-testid="attendance-month-screen">
      <Flex align="center" gap={12} wrap="wrap" className="att-header">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {sheet?.canCorrect ? t('attendance.month.title') : t('attendance.month.mine')}
        </Typography.Title>
        <label className="att-field">
          <span>{t('attendance.month.month')}</span>
          <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(v: Dayjs | null) => (v ? setMonth(v.format('YYYY-MM')) : undefined)} aria-label={t('attendance.month.month')} data-testid="att-month" />
        </label>
        {sheet && sheet.teams.length > 0 && (
          <label className="att-field">
            <span>{t('attendance.month.team')}</span>
            <Select<string>
              // A supervisor sees one team: it is named, not offered as "all teams".
              value={team ?? (sheet.teams.length === 1 ? sheet.teams[0] : '')}
              onChange={(v) => setTeam(v === '' ? undefined : v)}
              style={{ minWidth: 140 }}
              aria-label={t('attendance.month.team')}
              data-testid="att-team"
              options={[...(sheet.teams.length > 1 ? [{ value: '', label: t('attendance.month.allTeams') }] : []), ...sheet.teams.map((x) => ({ value: x, label: teamName(x) }))]}
            />
          </label>
        )}
        <span className="att-spacer" />
        {sheet?.canCorrect && (
          <Dropdown
            menu={{
              items: [
                { key: 'attendance-xlsx', label: `${t('attendance.month.exportAttendance')} (.xlsx)`, onClick: () => void exportSheet('attendance', 'xlsx') },
                { key: 'attendance-csv', label: `${t('attendance.month.exportAttendance')} (CSV)`, onClick: () => void exportSheet('attendance', 'csv') },
                { key: 'overtime-xlsx', label: `${t('attendance.month.exportOvertime')} (.xlsx)`, onClick: () => void exportSheet('overtime', 'xlsx') },
                { key: 'overtime-csv', label: `${t('attendance.month.exportOvertime')} (CSV)`, onClick: () => void exportSheet('overtime', 'csv') },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="att-export">
              {t('attendance.month.export')}
            </Button>
          </Dropdown>
        )}
      </Flex>
      {data.error && <Alert type="error" showIcon title={t('attendance.month.loadFailed', { error: errorText(t, data.error) })} />}
      {data.loading && !sheet ? (
        <Skeleton active />
      ) : (
        <Table<SheetAgent>
          size="small"
          bordered
          rowKey="agentId"
          pagination={false}
          columns={columns}
          dataSource={sheet?.agents ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('attendance.month.empty')} /> }}
          data-testid="att-table"
        />
      )}
      {s && (
        <Typography.Paragraph type="secondary" className="att-legend" data-testid="att-legend">
          {t('attendance.month.legend')}：{(['normal', 'late', 'early', 'absent', 'leave', 'rest', 'overtime'] as const).map((k) => `${s[k]} ${t(`attendance.legendItems.${k}`)}`).join('\u3000')}
          {'\u3000'}
          <span className="att-corrected-mark">•</span> {t('attendance.month.corrected')}
        </Typography.Paragraph>
      )}
      <DayDetailDrawer target={open ? { agentId: open.agent.agentId, name: open.agent.name, date: open.date } : null} canCorrect={sheet?.canCorrect ?? false} onClose={() => setOpen(null)} onChanged={() => data.reload()} />
    </div>
  );
}
