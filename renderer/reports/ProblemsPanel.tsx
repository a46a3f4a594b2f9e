import { Button, Card, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProblemSummary } from '../../shared/reports/periodReport.js';
import { formatDateTime } from '../format.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';

const SEVERITY_COLOR = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' } as const;

/** 周技术疑难问题总结: the escalated tickets by product, with the ask, second line's answer and the resolution. */
export function ProblemsPanel({ summary }: { summary: ProblemSummary }): React.JSX.Element {
  const { t } = useTranslation();
  const openDetail = useTicketUiStore((s) => s.openDetail);
  if (summary.groups.length === 0) return <Empty description={t('reports.problems.empty')} />;
  return (
    <div className="rp-problems" data-testid="rp-problems">
      <Typography.Paragraph type="secondary">{t('reports.problems.intro')}</Typography.Paragraph>
      {summary.groups.map((g) => (
        <Card
          key={g.product ?? ''}
          size="small"
          className="rp-problem-group"
          data-testid="rp-problem-group"
          title={<h3 className="rp-chart-title">{g.product ?? t('reports.charts.notRecorded')}</h3>}
          extra={t('reports.problems.count', { n: g.tickets.length, resolved: g.resolved })}
        >
          {g.tickets.map((p) => (
            <section key={p.ticketId} className="rp-problem" data-testid="rp-problem">
              <div className="rp-problem-head">
                <Tag color={SEVERITY_COLOR[p.severity]}>{t(`reports.severity.${p.severity}`)}</Tag>
                <Button type="link" size="small" onClick={() => openDetail(p.ticketId)} aria-label={t('reports.problems.open', { no: p.no })}>
                  {p.no}
                </Button>
                <strong>{p.subject}</strong>
                <Tag>{t(`reports.status.${p.status as 'new'}`, { defaultValue: p.status })}</Tag>
                {p.escalatedTo && <span className="rp-muted">{t('reports.problems.escalated', { to: p.escalatedTo, at: formatDateTime(p.escalatedAt) })}</span>}
                {p.defect && (
                  <Tag color="volcano" data-testid="rp-problem-defect">
                    {t('reports.problems.defect', { title: p.defect.title, status: t(`reports.problems.defectStatus.${p.defect.status}`) })}
                    {p.defect.trackerRef ? ` · ${p.defect.trackerRef}` : ''}
                  </Tag>
                )}
              </div>
              <dl className="rp-problem-body">
                <dt>{t('reports.problems.ask')}</dt>
                <dd>{p.ask ?? t('reports.problems.pending')}</dd>
                <dt>{t('reports.problems.answer')}</dt>
                <dd>{p.answer ?? t('reports.problems.pending')}</dd>
                <dt>{t('reports.problems.resolution')}</dt>
                <dd>{p.resolution ?? t('reports.problems.pending')}</dd>
              </dl>
            </section>
          ))}
        </Card>
      ))}
    </div>
  );
}
