import { Card, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A chart with its numbers one switch away (screen readers and keyboard users get the table). */
export function ChartCard({ id, title, chart, table }: { id: string; title: string; chart: React.ReactNode; table: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState(false);
  return (
    <Card
      size="small"
      className="rp-chart"
      data-testid={`rp-chart-${id}`}
      title={<h3 className="rp-chart-title">{title}</h3>}
      extra={
        <label className="rp-numbers-toggle">
          <Switch size="small" checked={numbers} onChange={setNumbers} data-testid={`rp-numbers-${id}`} /> {t('reports.charts.showTable')}
        </label>
      }
    >
      {numbers ? table : chart}
    </Card>
  );
}
