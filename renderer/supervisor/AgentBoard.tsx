import { Card, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ConsoleConfig } from '../../shared/desk/schema.js';
import { agentRowBand, type Band } from '../../shared/reports/bands.js';
import type { ReportsConfig } from '../../shared/reports/config.js';
import type { Wallboard, WallboardAgent } from '../../shared/reports/schema.js';
import { reasonLabel } from '../desk/labels.js';
import { useSecondTick } from '../work/useSecondTick.js';
import { clockText, secondsText } from './figureView.js';
import { BAND_ICONS } from './FigureTile.js';

interface Props {
  board: Wallboard;
  config: ReportsConfig | null;
  reasons: ConsoleConfig['notReadyReasons'];
}

const STATE_COLOURS: Record<WallboardAgent['state'], string> = { offline: 'default', ready: 'green', on_call: 'blue', after_call: 'gold', not_ready: 'red', ringing: 'purple' };

/**
 * One row per agent, coloured by state x time in state (domain.md): the
 * time in state ticks every second here, and the band is recomputed from it
 * with the same rule the core used, so a break crossing 15 minutes turns
 * amber on time, not at the next refresh.
 */
export function AgentBoard({ board, config, reasons }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const now = useSecondTick();
  const seconds = (iso: string): number => Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  const bandOf = (a: WallboardAgent): Band => (config ? agentRowBand({ state: a.state, secondsInState: seconds(a.since), wrapOverdue: a.wrapOverdue }, config, board.afterCallWorkSeconds) : a.band);

  const columns: ColumnsType<WallboardAgent> = [
    { key: 'name', title: t('supervisor.agents.name'), render: (_, a) => <span className="wb-agent-name">{a.displayName}</span> },
    {
      key: 'state',
      title: t('supervisor.agents.state'),
      render: (_, a) => (
        <span>
          <Tag color={STATE_COLOURS[a.state]} data-testid="wb-agent-state">
            {t(`supervisor.state.${a.state}`)}
            {a.reason ? ` · ${reasonLabel(t, reasons.find((r) => r.code === a.reason), a.reason)}` : ''}
          </Tag>
          {a.wrapOverdue && <Tag color="red">{t('supervisor.agents.wrapOverdue')}</Tag>}
        </span>
      ),
    },
    {
      key: 'time',
      title: t('supervisor.agents.time'),
      render: (_, a) => {
        const band = bandOf(a);
        return (
          <span className="wb-agent-time" data-testid="wb-agent-time">
            {a.state === 'offline' ? '—' : clockText(seconds(a.since))}
            {(band === 'amber' || band === 'red') && (
              <span className={`wb-agent-band wb-text-${band}`} data-testid="wb-agent-band">
                {' '}
                {BAND_ICONS[band]} {t(`supervisor.band.${band}`)}
              </span>
            )}
          </span>
        );
      },
    },
    { key: 'answered', title: t('supervisor.agents.answered'), align: 'right', render: (_, a) => a.callsAnswered },
    { key: 'aht', title: t('supervisor.agents.aht'), align: 'right', render: (_, a) => (a.ahtSeconds === null ? '—' : secondsText(t, a.ahtSeconds)) },
    {
      key: 'call',
      title: t('supervisor.agents.call'),
      align: 'right',
      render: (_, a) => (a.currentCall ? clockText(seconds(a.currentCall.ringAt)) : '—'),
    },
  ];

  return (
    <Card size="small" title={<h2 className="wb-group-title">{t('supervisor.agents.title')}</h2>} className="wb-agents" data-testid="wb-agents">
      {board.agents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervisor.agents.empty')} />
      ) : (
        <Table<WallboardAgent>
          size="small"
          rowKey="agentId"
          pagination={false}
          columns={columns}
          dataSource={board.agents}
          rowClassName={(a) => `wb-agent-row wb-row-${bandOf(a)}`}
          onRow={(a) => ({ 'data-testid': 'wb-agent-row', 'data-agent': a.agentId, 'data-band': bandOf(a) }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}
