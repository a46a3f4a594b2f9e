import { ExperimentOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Empty, Flex, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, weekStart } from '../../shared/reports/periods.js';
import { recordAccuracy, type QualityReview } from '../../shared/reports/quality.js';
import { call } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { useSettingsStore } from '../app/settingsStore.js';
import { TicketDrawers } from '../work/TicketDrawers.js';
import { useLive } from '../work/useLive.js';
import { useAgentSession } from '../work/useSession.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { ChecklistDialog } from './ChecklistDialog.js';
import './reports.css';
import { ScoreDrawer } from './ScoreDrawer.js';

function StatusTag({ review }: { review: QualityReview }): React.JSX.Element {
  const { t } = useTranslation();
  return review.status === 'scored' ? <Tag color="green">{t('reports.quality.statusScored')}</Tag> : <Tag color="gold">{t('reports.quality.statusSampled')}</Tag>;
}

/** The checks as the reviewed agent reads them: each item met or not, in their language. */
function ChecksText({ review }: { review: QualityReview }): React.JSX.Element {
  const locale = useSettingsStore((s) => s.settings.locale);
  return (
    <span className="qa-checks">
      {review.checks.map((c) => (
        <Tag key={c.id} color={c.passed ? 'green' : 'red'}>
          {c.passed ? '✓' : '✗'} {locale === 'en' ? c.en : c.zh}
        </Tag>
      ))}
    </span>
  );
}

/**
 * 质检: a supervisor draws the week's sample (configurable per agent, at
 * random from each agent's finished tickets) and scores each ticket against
 * the checklist; an admin edits the checklist; an agent sees their own
 * reviews. The mean score is "record accuracy" on the KPI sheet.
 */
export function QualityScreen(): React.JSX.Element {
  const session = useAgentSession();
  const role = session?.agent?.role;
  return role === 'supervisor' || role === 'admin' ? <ReviewWeek admin={role === 'admin'} /> : <MyReviews />;
}

function ReviewWeek({ admin }: { admin: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const openDetail = useTicketUiStore((s) => s.openDetail);
  const [week, setWeek] = useState(weekStart(dayjs().format('YYYY-MM-DD')));
  const [team, setTeam] = useState<string | undefined>(undefined);
  const [scoring, setScoring] = useState<QualityReview | null>(null);
  const [editing, setEditing] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const request = team ? { week, team } : { week };
  const data = useLive('quality:week', request, { kinds: ['quality', 'config'], tickets: true });
  const config = useLive('quality:config', {}, { kinds: ['quality', 'config'] });
  const reviews = data.value?.reviews ?? [];
  const average = recordAccuracy(reviews.map((r) => r.score));

  const draw = async (): Promise<void> => {
    setDrawing(true);
    const result = await call('quality:sample', request);
    setDrawing(false);
    if (!result.ok) {
      void message.error(t('reports.quality.failed', { error: errorText(t, result.error) }));
      return;
    }
    void message.info(result.value.drawn > 0 ? t('reports.quality.sampled', { n: result.value.drawn }) : t('reports.quality.nothingToSample'));
    data.reload();
  };

  const columns: ColumnsType<QualityReview> = [
    { key: 'agent', title: t('reports.quality.agent'), render: (_, r) => r.agentName ?? r.agentId, width: 120 },
    {
      key: 'ticket',
      title: t('reports.quality.ticket'),
      render: (_, r) => (
        <span>
          <Button type="link" size="small" onClick={() => openDetail(r.ticketId)}>
            {r.ticketNo ?? r.ticketId}
          </Button>{' '}
          {r.subject}
        </span>
      ),
    },
    { key: 'status', title: t('reports.quality.status'), render: (_, r) => <StatusTag review={r} />, width: 90 },
    { key: 'score', title: t('reports.quality.score'), align: 'right', width: 80, render: (_, r) => (r.score === null ? '—' : t('reports.unit.score', { n: r.score })) },
    { key: 'comment', title: t('reports.quality.comment'), render: (_, r) => r.comment ?? '' },
    {
      key: 'act',
      title: '',
      width: 90,
      render: (_, r) => (
        <Button size="small" type={r.status === 'sampled' ? 'primary' : 'default'} onClick={() => setScoring(r)} data-testid="qa-score">
          {r.status === 'sampled' ? t('reports.quality.scoreButton') : t('reports.quality.rescore')}
        </Button>
      ),
    },
  ];

  return (
    <div className="work-screen reports" data-testid="quality-screen">
      <Flex align="center" gap={12} wrap="wrap" className="rp-header">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('reports.quality.title')}
        </Typography.Title>
        <label className="rp-team">
          <span>{t('reports.quality.week')}</span>
          <DatePicker picker="week" value={dayjs(week)} allowClear={false} onChange={(v: Dayjs | null) => (v ? setWeek(weekStart(v.format('YYYY-MM-DD'))) : undefined)} aria-label={t('reports.quality.week')} data-testid="qa-week" />
        </label>
        <Typography.Text type="secondary">{t('reports.quality.weekOf', { from: week, to: addDays(week, 6) })}</Typography.Text>
        <label className="rp-team">
          <span>{t('reports.team')}</span>
          <Select<string> value={team ?? ''} onChange={(v) => setTeam(v === '' ? undefined : v)} style={{ minWidth: 140 }} aria-label={t('reports.team')} options={[{ value: '', label: t('reports.center') }, ...(data.value?.teams ?? []).map((x) => ({ value: x, label: x }))]} />
        </label>
        <span className="rp-spacer" />
        {admin && (
          <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="qa-edit-checklist">
            {t('reports.quality.editChecklist')}
          </Button>
        )}
        <Button type="primary" icon={<ExperimentOutlined />} onClick={() => void draw()} loading={drawing} data-testid="qa-sample" title={t('reports.quality.sampleHint', { n: data.value?.sampleSize ?? 5 })}>
          {t('reports.quality.sample')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">
        {t('reports.quality.sampleHint', { n: data.value?.sampleSize ?? 5 })}
        {average !== null && <> · {t('reports.quality.average', { score: average })}</>}
      </Typography.Paragraph>
      {data.error && <Alert type="error" showIcon title={t('reports.loadFailed', { error: errorText(t, data.error) })} />}
      {data.loading ? <Skeleton active /> : <Table<QualityReview> size="small" rowKey="id" pagination={false} columns={columns} dataSource={reviews} locale={{ emptyText: <Empty description={t('reports.quality.empty')} /> }} data-testid="qa-reviews" onRow={() => ({ 'data-testid': 'qa-review-row' }) as React.HTMLAttributes<HTMLElement>} />}
      <ScoreDrawer
        review={scoring}
        items={config.value?.items ?? []}
        onClose={() => setScoring(null)}
        onSaved={() => {
          setScoring(null);
          data.reload();
        }}
      />
      <ChecklistDialog open={editing} config={config.value} onClose={() => setEditing(false)} />
      <TicketDrawers />
    </div>
  );
}

function MyReviews(): React.JSX.Element {
  const { t } = useTranslation();
  const mine = useLive('quality:mine', {}, { kinds: ['quality'] });
  const columns: ColumnsType<QualityReview> = [
    { key: 'week', title: t('reports.quality.week'), dataIndex: 'week', width: 110 },
    { key: 'ticket', title: t('reports.quality.ticket'), render: (_, r) => `${r.ticketNo ?? ''} ${r.subject ?? ''}` },
    { key: 'status', title: t('reports.quality.status'), render: (_, r) => <StatusTag review={r} />, width: 90 },
    { key: 'score', title: t('reports.quality.score'), align: 'right', width: 80, render: (_, r) => (r.score === null ? '—' : t('reports.unit.score', { n: r.score })) },
    { key: 'checks', title: t('reports.quality.checklist'), render: (_, r) => <ChecksText review={r} /> },
    { key: 'comment', title: t('reports.quality.comment'), render: (_, r) => r.comment ?? '' },
    { key: 'at', title: t('reports.quality.reviewedAt'), render: (_, r) => formatDateTime(r.reviewedAt), width: 140 },
  ];
  return (
    <div className="work-screen reports" data-testid="quality-mine">
      <Typography.Title level={3}>{t('reports.quality.mineTitle')}</Typography.Title>
      {mine.error && <Alert type="error" showIcon title={t('reports.loadFailed', { error: errorText(t, mine.error) })} />}
      {mine.loading ? <Skeleton active /> : <Table<QualityReview> size="small" rowKey="id" pagination={false} columns={columns} dataSource={mine.value ?? []} locale={{ emptyText: <Empty description={t('reports.quality.mineEmpty')} /> }} />}
    </div>
  );
}
