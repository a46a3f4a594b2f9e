import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Skeleton, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodOf, previousPeriod, type DateRange, type PeriodKind } from '../../shared/reports/periods.js';
import { errorText } from '../i18n/messages.js';
import { TicketDrawers } from '../work/TicketDrawers.js';
import { useLive } from '../work/useLive.js';
import { AgentSheetPanel } from './AgentSheetPanel.js';
import { ExportMenu } from './ExportMenu.js';
import { PeriodPicker } from './PeriodPicker.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import './reports.css';
import { rangeOf } from './reportView.js';
import { SummaryPanel } from './SummaryPanel.js';
// ---- archiving (issue 18 point 3): a period older than what this PC holds says so
import { HorizonNotice } from '../archive/HorizonNotice.js';

type Tab = 'summary' | 'agents' | 'problems';
const STALE_ON = ['calls', 'followUps', 'handoffs', 'agents', 'quality', 'config'] as const;

/**
 * 报表: a week, month, quarter, year or chosen range, for the center or a
 * team, beside the previous period; the agent KPI sheet; the hard-problem
 * summary; each exported to Excel or CSV. Supervisors and admins (the core
 * checks the same).
 */
export function ReportsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const today = dayjs().format('YYYY-MM-DD');
  const [kind, setKind] = useState<PeriodKind>('month');
  const [anchor, setAnchor] = useState(today);
  const [range, setRange] = useState<DateRange>(periodOf('month', today));
  const [team, setTeam] = useState<string | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('summary');
  const period = rangeOf(kind, anchor, range);
  const previous = previousPeriod(kind, period);
  const base = team ? { ...period, team } : period;
  const live = { kinds: STALE_ON, tickets: true } as const;
  const report = useLive('reports:period', { ...base, kind }, live);
  const agents = useLive('reports:agentSheet', tab === 'agents' ? base : null, live);
  const problems = useLive('reports:problems', tab === 'problems' ? base : null, live);
  const error = report.error ?? (tab === 'agents' ? agents.error : tab === 'problems' ? problems.error : null);
  const reload = (): void => {
    report.reload();
    agents.reload();
    problems.reload();
  };

  return (
    <div className="work-screen reports" data-testid="reports-screen">
      <Flex align="center" gap={12} wrap="wrap" className="rp-header">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('reports.title')}
        </Typography.Title>
        <PeriodPicker
          kind={kind}
          anchor={anchor}
          range={range}
          onKind={(k) => {
            setKind(k);
            if (k === 'range') setRange(period);
          }}
          onAnchor={setAnchor}
          onRange={setRange}
        />
        <label className="rp-team">
          <span>{t('reports.team')}</span>
          <Select<string>
            value={team ?? ''}
            onChange={(v) => setTeam(v === '' ? undefined : v)}
            style={{ minWidth: 140 }}
            data-testid="rp-team"
            aria-label={t('reports.team')}
            options={[{ value: '', label: t('reports.center') }, ...(report.value?.teams ?? []).map((x) => ({ value: x, label: x }))]}
          />
        </label>
        <span className="rp-spacer" />
        <ExportMenu from={period.from} to={period.to} team={team} period={kind} />
        <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
      </Flex>
      <Typography.Text type="secondary" className="rp-period-text" data-testid="rp-period-text">
        {t('reports.period.showing', { from: period.from, to: period.to })} · {t('reports.period.compareWith', { from: previous.from, to: previous.to })}
      </Typography.Text>
      {error && <Alert type="error" showIcon title={t('reports.loadFailed', { error: errorText(t, error) })} style={{ margin: '8px 0' }} />}
      <HorizonNotice from={previous.from < period.from ? previous.from : period.from} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          { key: 'summary', label: <span data-testid="rp-tab-summary">{t('reports.tabs.summary')}</span>, children: report.value ? <SummaryPanel report={report.value} /> : <Skeleton active /> },
          { key: 'agents', label: <span data-testid="rp-tab-agents">{t('reports.tabs.agents')}</span>, children: agents.value ? <AgentSheetPanel sheet={agents.value} /> : <Skeleton active /> },
          { key: 'problems', label: <span data-testid="rp-tab-problems">{t('reports.tabs.problems')}</span>, children: problems.value ? <ProblemsPanel summary={problems.value} /> : <Skeleton active /> },
        ]}
      />
      <TicketDrawers />
    </div>
  );
}
