import { Card, Empty, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Wallboard } from '../../shared/reports/schema.js';

/** A chart with its numbers one click away: the switch shows the same data as a table (screen readers read the table). */
function ChartCard({ title, id, chart, table, readOnly }: { title: string; id: string; chart: React.ReactNode; table: React.ReactNode; readOnly: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState(false);
  return (
    <Card
      size="small"
      className="wb-chart"
      data-testid={`wb-chart-${id}`}
      title={<h2 className="wb-group-title">{title}</h2>}
      extra={
        !readOnly && (
        <label className="wb-numbers-toggle">
          <Switch size="small" checked={numbers} onChange={setNumbers} data-testid={`wb-numbers-${id}`} /> {t('supervisor.trends.showNumbers')}
        </label>
        )
      }
    >
      {numbers ? table : chart}
    </Card>
  );
}

/** `readOnly` (the TV view): charts only, no switches to press on a wall. */
export function TrendCharts({ board, readOnly = false }: { board: Wallboard; readOnly?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const hours = board.trends.byHour.map((h) => ({ ...h, label: t('supervisor.trends.hourLabel', { hour: h.hour }) }));
  const categories = board.trends.byCategory.map((c) => ({ ...c, label: t(`supervisor.category.${c.category}`) }));
  const hasCalls = hours.some((h) => h.offered > 0);
  const hasTickets = categories.some((c) => c.created + c.resolved > 0);
  const offered = t('supervisor.figure.offered');
  const answered = t('supervisor.figure.answered');
  const abandoned = t('supervisor.figure.abandoned');
  const sl = t('supervisor.figure.serviceLevel');
  const created = t('supervisor.trends.created');
  const resolved = t('supervisor.trends.resolved');
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervisor.trends.empty')} />;

  return (
    <div className="wb-charts">
      <ChartCard
        readOnly={readOnly}
        id="hour"
        title={t('supervisor.trends.byHour')}
        chart={
          hasCalls ? (
            <ResponsiveContainer width="100%" height={220}>
              <ComposedChart data={hours} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis yAxisId="p" orientation="right" domain={[0, 100]} tick={{ fontSize: 12 }} unit="%" />
                <Tooltip />
                <Legend />
                <Bar yAxisId="n" dataKey="answered" name={answered} stackId="calls" fill="#4e7ad6" isAnimationActive={false} />
                <Bar yAxisId="n" dataKey="abandoned" name={abandoned} stackId="calls" fill="#d9534f" isAnimationActive={false} />
                <Line yAxisId="p" dataKey="serviceLevel" name={sl} stroke="#2e7d32" strokeWidth={2} dot connectNulls={false} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          ) : (
            empty
          )
        }
        table={
          <Table
            size="small"
            pagination={false}
            rowKey="hour"
            dataSource={hours}
            data-testid="wb-table-hour"
            columns={[
              { key: 'h', title: t('supervisor.trends.hour'), dataIndex: 'label' },
              { key: 'o', title: offered, dataIndex: 'offered', align: 'right' },
              { key: 'a', title: answered, dataIndex: 'answered', align: 'right' },
              { key: 'b', title: abandoned, dataIndex: 'abandoned', align: 'right' },
              { key: 's', title: sl, dataIndex: 'serviceLevel', align: 'right', render: (v: number | null) => (v === null ? '—' : t('supervisor.unit.percent', { n: v })) },
            ]}
          />
        }
      />
      <ChartCard
        readOnly={readOnly}
        id="category"
        title={t('supervisor.trends.byCategory')}
        chart={
          hasTickets ? (
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={categories} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Legend />
                <Bar dataKey="created" name={created} fill="#4e7ad6" isAnimationActive={false} />
                <Bar dataKey="resolved" name={resolved} fill="#2e7d32" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          ) : (
            empty
          )
        }
        table={
          <Table
            size="small"
            pagination={false}
            rowKey="category"
            dataSource={categories}
            data-testid="wb-table-category"
            columns={[
              { key: 'c', title: t('supervisor.trends.category'), dataIndex: 'label' },
              { key: 'n', title: created, dataIndex: 'created', align: 'right' },
              { key: 'r', title: resolved, dataIndex: 'resolved', align: 'right' },
            ]}
          />
        }
      />
    </div>
  );
}
