import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PeriodReport } from '../../shared/reports/periodReport.js';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../shared/tickets/schema.js';
import { ChangeFigure } from './ChangeFigure.js';
import { ChartCard } from './ChartCard.js';
import { KPI_BETTER, kpiText, type KpiName } from './reportView.js';

const KPIS: readonly KpiName[] = ['serviceLevel', 'abandonRate', 'asaSeconds', 'ahtSeconds', 'fcr', 'csat', 'csatMean', 'slaMet'];
const CALLS = ['offered', 'answered', 'abandoned', 'shortAbandoned'] as const;
const OUTBOUND = ['placed', 'connected', 'notConnected'] as const;
const CURRENT = '#4e7ad6';
const PREVIOUS = '#b7c4de';

interface Row {
  key: string;
  label: string;
  current: number;
  previous: number;
}

/** Volume and KPIs of the period beside the previous one; every chart has its table. */
export function SummaryPanel({ report }: { report: PeriodReport }): React.JSX.Element {
  const { t } = useTranslation();
  const cur = report.current;
  const prev = report.previous;
  const count = (n: number | null): string => (n === null ? '—' : String(n));
  const currentName = t('reports.charts.current');
  const previousName = t('reports.charts.previous');

  const compareChart = (id: string, title: string, rows: Row[], height = 220): React.JSX.Element => (
    <ChartCard
      id={id}
      title={title}
      chart={
        rows.some((r) => r.current + r.previous > 0) ? (
          <ResponsiveContainer width="100%" height={height}>
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend />
              <Bar dataKey="current" name={currentName} fill={CURRENT} isAnimationActive={false} />
              <Bar dataKey="previous" name={previousName} fill={PREVIOUS} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.charts.empty')} />
        )
      }
      table={
        <Table<Row>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          data-testid={`rp-table-${id}`}
          columns={[
            { key: 'l', title: t('reports.charts.item'), dataIndex: 'label' },
            { key: 'c', title: currentName, dataIndex: 'current', align: 'right' },
            { key: 'p', title: previousName, dataIndex: 'previous', align: 'right' },
          ]}
        />
      }
    />
  );

  const callRows: Row[] = CALLS.map((k) => ({ key: k, label: t(`reports.calls.${k}`), current: cur.calls.inbound[k], previous: prev.calls.inbound[k] }));
  const channelRows: Row[] = CHANNELS.map((c) => ({ key: c, label: t(`channel.${c}`), current: cur.tickets.byChannel[c], previous: prev.tickets.byChannel[c] }));
  const categoryRows: Row[] = CATEGORIES.map((c) => ({ key: c, label: t(`category.${c}`), current: cur.tickets.byCategory[c].created, previous: prev.tickets.byCategory[c].created }));
  const severityRows: Row[] = SEVERITIES.map((s) => ({ key: s, label: t(`reports.severity.${s}`), current: cur.tickets.bySeverity[s], previous: prev.tickets.bySeverity[s] }));
  const products = [...new Set([...cur.tickets.byProduct.map((p) => p.product), ...prev.tickets.byProduct.map((p) => p.product)])].slice(0, 12);
  const productRows: Row[] = products.map((p) => ({
    key: p ?? '',
    label: p ?? t('reports.charts.notRecorded'),
    current: cur.tickets.byProduct.find((x) => x.product === p)?.created ?? 0,
    previous: prev.tickets.byProduct.find((x) => x.product === p)?.created ?? 0,
  }));

  return (
    <div className="rp-summary" data-testid="rp-summary">
      <Card size="small" title={<h2 className="rp-group-title">{t('reports.groups.kpi')}</h2>} className="rp-group">
        <div className="rp-figures">
          {KPIS.map((k) => (
            <ChangeFigure key={k} id={k} label={t(`reports.kpi.${k}`)} value={cur.kpi[k]} previous={prev.kpi[k]} text={(n) => kpiText(t, k, n)} better={KPI_BETTER[k]} />
          ))}
        </div>
      </Card>
      <div className="rp-two">
        <Card size="small" title={<h2 className="rp-group-title">{t('reports.groups.calls')}</h2>} className="rp-group">
          <div className="rp-figures">
            {CALLS.map((k) => (
              <ChangeFigure key={k} id={k} label={t(`reports.calls.${k}`)} value={cur.calls.inbound[k]} previous={prev.calls.inbound[k]} text={count} better={k === 'answered' ? 'higher' : k === 'offered' ? 'neither' : 'lower'} />
            ))}
            {OUTBOUND.map((k) => (
              <ChangeFigure key={k} id={k} label={t(`reports.calls.${k}`)} value={cur.calls.outbound[k]} previous={prev.calls.outbound[k]} text={count} better="neither" />
            ))}
          </div>
        </Card>
        <Card size="small" title={<h2 className="rp-group-title">{t('reports.groups.tickets')}</h2>} className="rp-group">
          <div className="rp-figures">
            <ChangeFigure id="created" label={t('reports.tickets.created')} value={cur.tickets.created} previous={prev.tickets.created} text={count} better="neither" />
            <ChangeFigure id="resolved" label={t('reports.tickets.resolved')} value={cur.tickets.resolved} previous={prev.tickets.resolved} text={count} better="neither" />
            <ChangeFigure id="complaints" label={t('category.complaint')} value={cur.tickets.byCategory.complaint.created} previous={prev.tickets.byCategory.complaint.created} text={count} better="lower" />
            <ChangeFigure id="suggestions" label={t('category.suggestion')} value={cur.tickets.byCategory.suggestion.created} previous={prev.tickets.byCategory.suggestion.created} text={count} better="neither" />
            <div title={cur.announcements.tracked ? undefined : t('reports.tickets.announcementsUntracked')}>
              <ChangeFigure id="announcements" label={t('reports.tickets.announcements')} value={cur.announcements.published} previous={prev.announcements.published} text={count} better="neither" />
            </div>
          </div>
        </Card>
      </div>
      <div className="rp-charts">
        {compareChart('calls', t('reports.charts.calls'), callRows)}
        {compareChart('category', t('reports.charts.category'), categoryRows)}
        {compareChart('channel', t('reports.charts.channel'), channelRows)}
        {compareChart('severity', t('reports.charts.severity'), severityRows)}
        {compareChart('product', t('reports.charts.product'), productRows)}
      </div>
    </div>
  );
}
