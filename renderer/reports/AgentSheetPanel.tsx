import { Empty, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AgentKpiRow, AgentKpiSheet } from '../../shared/reports/periodReport.js';
import { durationText } from './reportView.js';

/** 坐席考核表: one row per agent; not-ready time by reason in the last column (each reason named). */
export function AgentSheetPanel({ sheet }: { sheet: AgentKpiSheet }): React.JSX.Element {
  const { t } = useTranslation();
  const pct = (v: number | null): string => (v === null ? '—' : t('reports.unit.percent', { n: v }));
  const secs = (v: number | null): string => (v === null ? '—' : t('reports.unit.seconds', { n: v }));
  const reasonLabel = (code: string): string => (code === '' ? t('reports.agents.noReason') : (sheet.reasons.find((r) => r.code === code)?.label ?? code));
  const columns: ColumnsType<AgentKpiRow> = [
    { key: 'agent', title: t('reports.agents.agent'), fixed: 'left', width: 130, render: (_, r) => <span title={r.agentId}>{r.displayName}</span> },
    { key: 'team', title: t('reports.agents.team'), dataIndex: 'team', width: 90, render: (v: string | null) => v ?? '—' },
    { key: 'calls', title: t('reports.agents.callsAnswered'), dataIndex: 'callsAnswered', align: 'right', width: 70, sorter: (a, b) => a.callsAnswered - b.callsAnswered },
    { key: 'talk', title: t('reports.agents.talk'), align: 'right', width: 90, render: (_, r) => durationText(t, r.talkSeconds) },
    { key: 'aht', title: t('reports.agents.aht'), align: 'right', width: 90, render: (_, r) => secs(r.ahtSeconds) },
    { key: 'handled', title: t('reports.agents.handled'), dataIndex: 'ticketsHandled', align: 'right', width: 80 },
    { key: 'resolved', title: t('reports.agents.resolved'), dataIndex: 'ticketsResolved', align: 'right', width: 70 },
    { key: 'fcr', title: t('reports.agents.fcr'), align: 'right', width: 90, render: (_, r) => pct(r.fcr) },
    { key: 'sla', title: t('reports.agents.slaMet'), align: 'right', width: 80, render: (_, r) => pct(r.slaMet) },
    { key: 'csat', title: t('reports.agents.csat'), align: 'right', width: 80, render: (_, r) => pct(r.csat) },
    {
      key: 'quality',
      title: t('reports.agents.quality'),
      align: 'right',
      width: 140,
      render: (_, r) => (
        <span data-testid="rp-agent-quality" className="rp-nowrap">
          {pct(r.quality)}
          {r.reviews > 0 && <span className="rp-muted"> · {t('reports.agents.reviews', { n: r.reviews })}</span>}
        </span>
      ),
    },
    {
      key: 'notReady',
      title: t('reports.agents.notReady'),
      width: 150,
      render: (_, r) =>
        r.notReadySeconds === 0 ? (
          '—'
        ) : (
          <Tooltip
            title={Object.entries(r.notReady)
              .map(([code, s]) => `${reasonLabel(code)} ${durationText(t, s)}`)
              .join(' · ')}
          >
            <span>
              {durationText(t, r.notReadySeconds)}{' '}
              <span className="rp-muted">
                (
                {Object.entries(r.notReady)
                  .map(([code]) => reasonLabel(code))
                  .join('、')}
                )
              </span>
            </span>
          </Tooltip>
        ),
    },
  ];
  if (sheet.rows.length === 0) return <Empty description={t('reports.agents.empty')} />;
  return (
    <Table<AgentKpiRow>
      size="small"
      rowKey="agentId"
      pagination={false}
      scroll={{ x: 1160 }}
      columns={columns}
      dataSource={sheet.rows}
      data-testid="rp-agents"
      onRow={(r) => ({ 'data-agent': r.agentId, 'data-testid': 'rp-agent-row' }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
