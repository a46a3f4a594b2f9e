import { CloudOutlined, DisconnectOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Result, Spin } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { centerClock } from '../../../shared/reports/day.js';
import type { TvBoard } from '../../../shared/reports/tv.js';
import type { Result as CallResult } from '../../../shared/result.js';
import { call } from '../../api/client.js';
import { errorText } from '../../i18n/messages.js';
import { useSecondTick } from '../../work/useSecondTick.js';
import { AgentBoard } from '../AgentBoard.js';
import { FigurePanel } from '../FigurePanel.js';
import { freshness } from '../staleness.js';
import '../supervisor.css';
import { TrendCharts } from '../TrendCharts.js';
import { useRedAnnouncer } from '../useRedAnnouncer.js';
import { useLiveRead } from '../useWallboard.js';
import { takeTvKey } from './tvKey.js';
import './tv.css';

const readTv = (key: string): Promise<CallResult<TvBoard>> => call('wallboard:tv', { key });

/**
 * The wallboard on a wall screen: read-only, dark, large type, nobody signed
 * in. It reads the board with the display key, live on every change event and
 * on the clock; offline or while the data service restarts it keeps the last
 * figures and says how old they are. Nothing on it waits for a click.
 */
export function TvWallboard(): React.JSX.Element {
  const { t } = useTranslation();
  const key = useMemo(() => takeTvKey(), []);
  return key ? <TvBoardView displayKey={key} /> : <TvStopped message={t('errors.TV_DISPLAY_UNKNOWN')} />;
}

function TvStopped({ message }: { message: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <main className="wb-tv wb-tv-stopped" data-testid="tv-stopped">
      <Result icon={<StopOutlined />} title={<h1>{t('supervisor.tv.stoppedTitle')}</h1>} subTitle={message} />
    </main>
  );
}

function TvBoardView({ displayKey }: { displayKey: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { value, error, sync } = useLiveRead(displayKey, readTv);
  const board = value?.board ?? null;
  const { message, flashing } = useRedAnnouncer(board);
  const now = useSecondTick();
  const scope = board ? (board.team === null ? t('supervisor.tv.center') : t('supervisor.scope.team', { team: board.team })) : '';
  const title = board ? t('supervisor.tv.screenTitle', { scope }) : t('supervisor.title');
  useEffect(() => {
    document.title = title;
  }, [title]);

  if (error?.code === 'TV_DISPLAY_UNKNOWN') return <TvStopped message={t('supervisor.tv.stoppedBody')} />;
  if (!value || !board) {
    return (
      <main className="wb-tv wb-tv-waiting" data-testid="tv-waiting">
        <Spin size="large" />
        <p>{error ? errorText(t, error) : t('supervisor.tv.waiting')}</p>
      </main>
    );
  }
  const fresh = freshness(board, sync, error !== null);
  return (
    <main className="work-screen wallboard wb-tv" data-testid="tv-wallboard" data-scope={board.team ?? 'center'}>
      <header className="wb-tv-header">
        <h1 className="wb-tv-title">{title}</h1>
        <span className={`wb-fresh wb-fresh-${fresh.kind}`} data-testid="wb-freshness" data-kind={fresh.kind}>
          {fresh.kind === 'live' ? <CloudOutlined /> : fresh.kind === 'offline' ? <DisconnectOutlined /> : <WarningOutlined />} {t('supervisor.asOf', { time: fresh.asOf })}
          {fresh.kind === 'live' ? ` · ${t('supervisor.live')}` : ` · ${t(fresh.kind === 'offline' ? 'supervisor.offline' : 'supervisor.refreshFailed')}`}
        </span>
        <span className="wb-tv-clock" data-testid="tv-clock">
          {centerClock(now, board.utcOffsetMinutes)}
        </span>
      </header>
      <div className="sr-only" aria-live="polite" role="status" data-testid="wb-announce">
        {message}
      </div>
      <FigurePanel board={board} flashing={flashing} />
      <div className="wb-lower">
        <AgentBoard board={board} config={value.config} reasons={value.reasons} />
        <TrendCharts board={board} readOnly />
      </div>
    </main>
  );
}
