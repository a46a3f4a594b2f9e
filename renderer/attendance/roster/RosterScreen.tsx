import { CopyOutlined, DownloadOutlined, ScheduleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Empty, Flex, Select, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/attendance/calendar.js';
import { weekStartOf } from '../../../shared/attendance/roster.js';
import type { RosterEntry } from '../../../shared/attendance/schema.js';
import type { RosterMonth } from '../../../shared/attendance/planContract.js';
import { call } from '../../api/client.js';
import { errorText } from '../../i18n/messages.js';
import { saveExport } from '../../reports/saveExport.js';
import { useLive } from '../../work/useLive.js';
import { CalendarWarning } from '../CalendarWarning.js';
import { cellKey } from './gridModel.js';
import { RosterGrid } from './RosterGrid.js';
import { RosterImportDialog } from './RosterImportDialog.js';
import { RosterLegend } from './RosterLegend.js';
import './roster.css';
import { useTeamNames } from '../../admin/useTeamNames.js';

/** The center's month today (+08:00), YYYY-MM. */
function thisMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/**
 * 排班表 (issue 16 point 2): a team's month as a keyboard grid, with "fill
 * from the calendar", "copy last week", import (file or paste) and export
 * (.xlsx, CSV). Supervisors plan their team, admins any team; the core and
 * the server check the same.
 */
export function RosterScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const teamName = useTeamNames();
  const { message } = App.useApp();
  const [month, setMonth] = useState(thisMonth);
  const [team, setTeam] = useState<string | undefined>(undefined);
  const [fillShift, setFillShift] = useState<string>('D');
  const [focusDate, setFocusDate] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  // Edits on their way to the core, over the answer they were made on; a newer answer already holds them.
  const [pending, setPending] = useState<{ of: RosterMonth | null; map: Map<string, string> }>({ of: null, map: new Map() });
  const live = useLive('roster:month', team === undefined ? { month } : { month, team }, { kinds: ['plan'] });
  const data = live.value;

  const entries = useMemo(() => {
    const map = new Map((data?.entries ?? []).map((e) => [cellKey(e.agentId, e.date), e.entry]));
    if (pending.of === data) for (const [k, v] of pending.map) map.set(k, v);
    return map;
  }, [data, pending]);

  const save = useCallback(
    async (list: RosterEntry[]) => {
      setPending((p) => {
        const next = new Map(p.of === data ? p.map : []);
        for (const e of list) next.set(cellKey(e.agentId, e.date), e.entry);
        return { of: data, map: next };
      });
      const r = await call('roster:set', { entries: list });
      if (!r.ok) {
        void message.error(t('roster.grid.saveFailed', { error: `${errorText(t, r.error)} ${r.error.message}` }));
        setPending({ of: null, map: new Map() });
        live.reload();
      }
    },
    [message, t, live, data],
  );

  const shifts = data?.shifts ?? [];
  const fillCode = shifts.some((s) => s.code === fillShift) ? fillShift : (shifts[0]?.code ?? fillShift);

  const weekStart = weekStartOf(focusDate ?? `${month}-01`);
  const run = async (what: 'fill' | 'copy'): Promise<void> => {
    const r = what === 'fill' ? await call('roster:fill', { month, ...(data?.team ? { team: data.team } : {}), shiftCode: fillCode }) : await call('roster:copyWeek', { weekStart, ...(data?.team ? { team: data.team } : {}) });
    if (!r.ok) void message.error(t('roster.grid.saveFailed', { error: `${errorText(t, r.error)} ${r.error.message}` }));
    else if (r.value.saved === 0) void message.info(t('roster.actions.nothing'));
    else void message.success(t(what === 'fill' ? 'roster.actions.fillDone' : 'roster.actions.copyWeekDone', { count: r.value.saved }));
  };

  const exportAs = async (format: 'xlsx' | 'csv'): Promise<void> => {
    const r = await call('roster:export', { month, format, ...(data?.team ? { team: data.team } : {}) });
    if (!r.ok) {
      void message.error(t('roster.actions.exportFailed', { error: errorText(t, r.error) }));
      return;
    }
    const saved = await saveExport(r.value);
    if (saved.kind === 'failed') void message.error(t('roster.actions.exportFailed', { error: errorText(t, saved.error) }));
    else if (saved.kind !== 'cancelled') void message.success(t('roster.actions.exported', { file: saved.file, rows: r.value.rows }));
  };

  const canEdit = data?.canEdit ?? false;
  return (
    <Flex vertical gap={10} style={{ padding: 16, minWidth: 0 }} data-testid="roster-screen">
      <CalendarWarning />
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('roster.grid.title')}
        </Typography.Title>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          aria-label={t('roster.grid.month')}
          data-testid="roster-month"
        />
        <Select
          style={{ minWidth: 140 }}
          value={data?.team ?? undefined}
          onChange={(v: string) => setTeam(v)}
          options={(data?.teams ?? []).map((x) => ({ value: x, label: teamName(x) }))}
          aria-label={t('roster.grid.team')}
          placeholder={t('roster.grid.team')}
          data-testid="roster-team"
        />
        {canEdit && (
          <Space.Compact>
            <Select
              style={{ width: 110 }}
              value={fillCode}
              onChange={setFillShift}
              options={shifts.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
              aria-label={t('roster.actions.fillShift')}
              data-testid="roster-fill-shift"
            />
            <Tooltip title={t('roster.actions.fillHint')}>
              <Button icon={<ScheduleOutlined />} onClick={() => void run('fill')} data-testid="roster-fill">
                {t('roster.actions.fill')}
              </Button>
            </Tooltip>
          </Space.Compact>
        )}
        {canEdit && (
          <Tooltip title={t('roster.actions.copyWeekHint', { from: addDays(weekStart, -7), to: weekStart })}>
            <Button icon={<CopyOutlined />} onClick={() => void run('copy')} data-testid="roster-copy-week">
              {t('roster.actions.copyWeek')}
            </Button>
          </Tooltip>
        )}
        {canEdit && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="roster-import">
            {t('roster.actions.import')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => void exportAs('xlsx')} data-testid="roster-export-xlsx">
          {t('roster.actions.exportXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportAs('csv')} data-testid="roster-export-csv">
          {t('roster.actions.exportCsv')}
        </Button>
      </Flex>
      {live.error && <Alert type="error" showIcon message={t('roster.grid.loadFailed', { error: errorText(t, live.error) })} />}
      {data && !canEdit && <Alert type="info" showIcon message={t('roster.grid.readOnly')} />}
      {data && data.team === null && <Empty description={t('roster.grid.noTeam')} />}
      {data && data.team !== null && data.agents.length === 0 && <Empty description={t('roster.grid.noAgents')} />}
      {data && data.agents.length > 0 && <RosterGrid data={data} entries={entries} canEdit={canEdit} onSave={(list) => void save(list)} onFocusDate={setFocusDate} />}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('roster.grid.help')}
      </Typography.Text>
      {data && <RosterLegend shifts={data.shifts} />}
      <RosterImportDialog open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}
