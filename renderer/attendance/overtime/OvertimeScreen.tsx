import { Alert, App, DatePicker, Empty, Flex, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../../shared/attendance/contract.js';
import type { OvertimeStatus } from '../../../shared/attendance/schema.js';
import { errorText } from '../../i18n/messages.js';
import { useLive } from '../../work/useLive.js';
import { useAgentSession } from '../../work/useSession.js';
import { ClaimActions, type ClaimDialog } from './ClaimActions.js';
import { ClaimDialogs } from './ClaimDialogs.js';
import '../attendance.css';

const STATUS_COLOR: Record<OvertimeStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

/**
 * 加班审定 (issue 16 point 5): each computed overtime of an agent-day is a
 * claim; supervisors (their team) and admins approve it, lowering the
 * minutes if need be, with pay or (rest-day overtime only) time off, or
 * reject it with a reason; Labour Law art. 41 warnings show beside the
 * claim, never block. Agents see their own claims and add a reason.
 */
export function OvertimeScreen(): React.JSX.Element {
  const { t } = useTranslation();
  App.useApp();
  const role = useAgentSession()?.agent?.role;
  const supervising = role === 'supervisor' || role === 'admin';
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  // Supervisors open on what waits for them (pending); agents on all of theirs. The session may arrive after the first render.
  const [picked, setStatus] = useState<OvertimeStatus | '' | null>(null);
  const status = picked ?? (supervising ? 'pending' : '');
  const [dialog, setDialog] = useState<ClaimDialog | null>(null);
  const data = useLive('overtime:list', status ? { month, status } : { month }, { kinds: ['attendance', 'agents'] });
  const claims = data.value ?? [];

  const columns: ColumnsType<Claim> = [
    { key: 'agent', title: t('attendance.overtime.columns.agent'), width: 100, render: (_, c) => <span title={c.agentId}>{c.name}</span> },
    { key: 'date', title: t('attendance.overtime.columns.date'), width: 104, render: (_, c) => c.date },
    { key: 'kind', title: t('attendance.overtime.columns.kind'), width: 150, render: (_, c) => t(`attendance.overtime.kind.${c.kind}`) },
    { key: 'minutes', title: t('attendance.overtime.columns.minutes'), width: 86, align: 'right', render: (_, c) => t('attendance.overtime.minutesText', { n: c.minutes }) },
    {
      key: 'decision',
      title: t('attendance.overtime.columns.decision'),
      width: 190,
      render: (_, c) => (
        <span>
          <Tag color={STATUS_COLOR[c.status]}>{t(`attendance.overtime.statusName.${c.status}`)}</Tag>
          {c.status === 'approved' && c.approvedMinutes !== null && `${t('attendance.overtime.minutesText', { n: c.approvedMinutes })} · ${t(`attendance.overtime.compensation.${c.compensation ?? 'pay'}`)}`}
          {c.status === 'rejected' && c.rejectReason && <Typography.Text type="secondary">{t('attendance.overtime.rejectedBecause', { reason: c.rejectReason })}</Typography.Text>}
          {c.decidedBy && (
            <Typography.Text type="secondary" className="att-by">
              {t('attendance.overtime.decidedBy', { who: c.decidedBy })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { key: 'reason', title: t('attendance.overtime.columns.reason'), render: (_, c) => c.agentReason ?? '' },
    {
      key: 'warnings',
      title: t('attendance.overtime.columns.warnings'),
      width: 220,
      render: (_, c) =>
        c.warnings.map((w) => (
          <Tag key={w.code} color="orange" className="att-warning" data-testid="ot-warning">
            {t(`attendance.overtime.warning.${w.code}`, { h: Math.round((w.minutes / 60) * 10) / 10 })}
          </Tag>
        )),
    },
    { key: 'act', title: '', width: 170, render: (_, c) => <ClaimActions claim={c} supervising={supervising} onOpen={setDialog} /> },
  ];

  return (
    <div className="work-screen attendance" data-testid="overtime-screen">
      <Flex align="center" gap={12} wrap="wrap" className="att-header">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {supervising ? t('attendance.overtime.title') : t('attendance.overtime.mine')}
        </Typography.Title>
        <label className="att-field">
          <span>{t('attendance.month.month')}</span>
          <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(v: Dayjs | null) => (v ? setMonth(v.format('YYYY-MM')) : undefined)} aria-label={t('attendance.month.month')} data-testid="ot-month" />
        </label>
        <label className="att-field">
          <span>{t('attendance.overtime.status')}</span>
          <Select<OvertimeStatus | ''>
            value={status}
            onChange={setStatus}
            style={{ minWidth: 120 }}
            aria-label={t('attendance.overtime.status')}
            data-testid="ot-status"
            options={[
              { value: '', label: t('attendance.overtime.all') },
              ...(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`attendance.overtime.statusName.${s}`) })),
            ]}
          />
        </label>
      </Flex>
      {data.error && <Alert type="error" showIcon title={t('attendance.month.loadFailed', { error: errorText(t, data.error) })} />}
      {data.loading && !data.value ? (
        <Skeleton active />
      ) : (
        <Table<Claim>
          size="small"
          rowKey="id"
          pagination={false}
          columns={columns}
          dataSource={claims}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('attendance.overtime.empty')} /> }}
          data-testid="ot-table"
          onRow={(c) => ({ 'data-testid': `ot-row-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
      <ClaimDialogs dialog={dialog} onClose={() => setDialog(null)} onDone={() => data.reload()} />
    </div>
  );
}
