import { DutyTonight } from '../attendance/duty/DutyTonight.js';
import { CloudOutlined, DisconnectOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillFigure } from '../../shared/reports/schema.js';
import { errorText } from '../i18n/messages.js';
import { TicketDrawers } from '../work/TicketDrawers.js';
import { useLive } from '../work/useLive.js';
import { AgentBoard } from './AgentBoard.js';
import { DrillDrawer } from './DrillDrawer.js';
import { FigurePanel } from './FigurePanel.js';
import { freshness } from './staleness.js';
import './supervisor.css';
import { TrendCharts } from './TrendCharts.js';
import { TvControls } from './tv/TvControls.js';
import { useRedAnnouncer } from './useRedAnnouncer.js';
import { useWallboard } from './useWallboard.js';

const offsetText = (minutes: number): string => `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

/**
 * 班长席大屏: today's figures for the center or a team, the agents by state
 * and time in state, the trends, and the list behind every figure. Live on
 * every change event; offline it keeps the last figures and says how old
 * they are, never a blank board.
 */
export function WallboardScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const [team, setTeam] = useState<string | undefined>(undefined);
  const [drill, setDrill] = useState<DrillFigure | null>(null);
  const { board, error, sync, reload } = useWallboard(team);
  const config = useLive('reports:config', {}, { kinds: ['config'] });
  const console = useLive('config:get', {}, { kinds: ['config'] });
  const { message, flashing } = useRedAnnouncer(board);
  const names = useMemo(() => new Map((board?.agents ?? []).map((a) => [a.agentId, a.displayName])), [board]);
  const fresh = board ? freshness(board, sync, error !== null) : null;
  const scopeText = board ? (board.scope === 'team' ? t('supervisor.scope.team', { team: board.team ?? '' }) : t(`supervisor.scope.${board.scope}`)) : '';

  return (
    <div className="work-screen wallboard" data-testid="wallboard-screen">
      <Flex align="center" gap={12} wrap="wrap" className="wb-header">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('supervisor.title')}
        </Typography.Title>
        {board && <Typography.Text strong>{scopeText}</Typography.Text>}
        {board && <Typography.Text type="secondary">{t('supervisor.day', { date: board.date, offset: offsetText(board.utcOffsetMinutes) })}</Typography.Text>}
        {board && (board.scope === 'center' || board.scope === 'team') && (
          <label className="wb-team">
            <span>{t('supervisor.teamLabel')}</span>
            <Select<string>
              size="small"
              value={team ?? ''}
              onChange={(v) => setTeam(v === '' ? undefined : v)}
              style={{ minWidth: 140 }}
              data-testid="wb-team"
              aria-label={t('supervisor.teamLabel')}
              options={[{ value: '', label: t('supervisor.allTeams') }, ...board.teams.map((x) => ({ value: x, label: x }))]}
            />
          </label>
        )}
        {/* issue 16 point 7: a compact line, who is on duty tonight */}
        <DutyTonight compact />
        <span className="wb-spacer" />
        {board && (board.scope === 'center' || board.scope === 'team') && <TvControls team={team} />}
        {fresh && (
          <span className={`wb-fresh wb-fresh-${fresh.kind}`} data-testid="wb-freshness" data-kind={fresh.kind}>
            {fresh.kind === 'live' ? <CloudOutlined /> : fresh.kind === 'offline' ? <DisconnectOutlined /> : <WarningOutlined />} {t('supervisor.asOf', { time: fresh.asOf })}
            {fresh.kind === 'live' ? (
              <Tag color="green" style={{ marginInlineStart: 8 }}>
                {t('supervisor.live')}
              </Tag>
            ) : (
              ` · ${t(fresh.kind === 'offline' ? 'supervisor.offline' : 'supervisor.refreshFailed')}`
            )}
          </span>
        )}
        <Button size="small" icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
      </Flex>
      <div className="sr-only" aria-live="polite" role="status" data-testid="wb-announce">
        {message}
      </div>
      {error && !board && <Alert type="error" showIcon title={t('supervisor.loadFailed', { error: errorText(t, error) })} />}
      {!board && !error && <Skeleton active />}
      {board && (
        <>
          <FigurePanel board={board} flashing={flashing} onOpen={setDrill} />
          <div className="wb-lower">
            <AgentBoard board={board} config={config.value} reasons={console.value?.notReadyReasons ?? []} />
            <TrendCharts board={board} />
          </div>
        </>
      )}
      <DrillDrawer figure={drill} team={team} names={names} onClose={() => setDrill(null)} />
      <TicketDrawers />
    </div>
  );
}
