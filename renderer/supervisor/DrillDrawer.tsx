import { Alert, Button, Drawer, Empty, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DrillFigure, DrillRow } from '../../shared/reports/schema.js';
import { formatDateTime } from '../format.js';
import { errorText } from '../i18n/messages.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { useLive } from '../work/useLive.js';
import { secondsText } from './figureView.js';

interface Props {
  figure: DrillFigure | null;
  team: string | undefined;
  /** usernames to display names (the board's agents): the list names people as the board does */
  names: ReadonlyMap<string, string>;
  onClose: () => void;
}

const OUTCOMES = new Set(['answered', 'abandoned', 'short_abandon', 'ringing']);
/** Lists whose rows carry a number (a wait, an overdue time, a score); the others are plain lists of tickets. */
const VALUE_FIGURES = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'serviceLevel', 'asaSeconds', 'ahtSeconds', 'csat', 'ticketsPastSla', 'contactsOwed', 'callbacksOverdue', 'escalationsWaiting'] as const;
type ValueFigure = (typeof VALUE_FIGURES)[number];
const hasValue = (f: DrillFigure): f is ValueFigure => (VALUE_FIGURES as readonly string[]).includes(f);

/** The list behind a figure (which calls were abandoned, which tickets are past SLA); each ticket opens from here. */
export function DrillDrawer({ figure, team, names, onClose }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const openDetail = useTicketUiStore((s) => s.openDetail);
  const request = figure === null ? null : team === undefined ? { figure } : { figure, team };
  const list = useLive('wallboard:list', request, { kinds: ['calls', 'callbacks', 'followUps', 'handoffs', 'agents'], tickets: true, intervalMs: 30_000 });
  const valueTitle = figure && hasValue(figure) ? t(`supervisor.drill.value.${figure}`) : '';

  const statusText = (row: DrillRow): string => {
    if (row.status === null) return '';
    if (row.kind === 'call' && OUTCOMES.has(row.status)) return t(`supervisor.drill.outcome.${row.status as 'answered' | 'abandoned' | 'short_abandon' | 'ringing'}`);
    return t(`status.${row.status}`, { defaultValue: row.status });
  };
  const columns: ColumnsType<DrillRow> = [
    { key: 'at', title: t('supervisor.drill.when'), render: (_, r) => formatDateTime(r.at, true), width: 170 },
    { key: 'what', title: t('supervisor.drill.what'), render: (_, r) => r.title },
    { key: 'who', title: t('supervisor.drill.who'), render: (_, r) => (r.who === null ? '' : (names.get(r.who) ?? r.who)) },
    { key: 'status', title: t('supervisor.drill.status'), render: (_, r) => statusText(r) },
  ];
  if (valueTitle) columns.push({ key: 'value', title: valueTitle, align: 'right', render: (_, r) => (r.value === null ? '—' : figure === 'csat' ? t('supervisor.unit.score', { n: r.value }) : secondsText(t, r.value)) });
  columns.push({
    key: 'ticket',
    title: t('supervisor.drill.ticket'),
    render: (_, r) =>
      r.ticketId ? (
        <Button size="small" type="link" onClick={() => r.ticketId && openDetail(r.ticketId)} data-testid="wb-drill-open">
          {t('supervisor.drill.openTicket', { no: r.ticketNo ?? '' })}
        </Button>
      ) : null,
  });

  return (
    <Drawer open={figure !== null} onClose={onClose} size={860} title={figure ? t('supervisor.drill.title', { figure: t(`supervisor.figure.${figure}`) }) : ''} data-testid="wb-drill" closable={{ 'aria-label': t('common.close') }}>
      {list.error && <Alert type="error" showIcon title={t('supervisor.loadFailed', { error: errorText(t, list.error) })} style={{ marginBottom: 8 }} />}
      {list.loading && <Skeleton active />}
      {list.value && (
        <>
          {list.value.truncated && <Typography.Text type="secondary">{t('supervisor.drill.truncated')}</Typography.Text>}
          <Table<DrillRow>
            size="small"
            rowKey={(r) => `${r.kind}:${r.id}`}
            pagination={false}
            columns={columns}
            dataSource={list.value.rows}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervisor.drill.empty')} /> }}
            onRow={() => ({ 'data-testid': 'wb-drill-row' }) as React.HTMLAttributes<HTMLElement>}
          />
        </>
      )}
    </Drawer>
  );
}
