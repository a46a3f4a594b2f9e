import { LoginOutlined, LogoutOutlined, PauseCircleOutlined, PlayCircleOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../shared/sync/status.js';
import { accountText, clockText, syncCodeText, timeWithRelative } from './syncText.js';
import type { LastRound } from './syncStore.js';
import type { SyncView } from './syncView.js';

interface Props {
  status: SyncStatus | null;
  view: SyncView;
  now: number;
  lastRound: LastRound | null;
  running: boolean;
  onSyncNow(): void;
  onPause(paused: boolean): void;
  onSignIn(): void;
  onSignOut(): void;
  onProblems(): void;
}

/**
 * The popover lives at the end of the page: Tab past its last button would
 * drop focus outside the app's order. Like any small dialog, Tab cycles
 * inside it; Esc (handled by the popover) leaves it.
 */
function keepTabInside(e: React.KeyboardEvent<HTMLDivElement>): void {
  if (e.key !== 'Tab') return;
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled])'));
  const first = buttons[0];
  const last = buttons[buttons.length - 1];
  if (!first || !last) return;
  if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  } else if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  }
}

/** The indicator's popover: what the state means, the facts behind it, and what the agent can do. */
export function SyncPanel({ status, view, now, lastRound, running, onSyncNow, onPause, onSignIn, onSignOut, onProblems }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const problems = status?.problems ?? 0;
  const state = status?.state;
  const signedIn = state !== undefined && state !== 'signed_out';

  const items: DescriptionsProps['items'] = [];
  if (status?.server) items.push({ key: 'server', label: t('sync.server'), children: <span data-testid="sync-server">{status.server}</span> });
  if (status?.user) items.push({ key: 'account', label: t('sync.account'), children: accountText(t, status.user) });
  if (status) {
    items.push({
      key: 'pending',
      label: t('sync.pending'),
      children: <span data-testid="sync-pending">{status.pending > 0 ? t('sync.pendingValue', { count: status.pending }) : t('sync.pendingNone')}</span>,
    });
  }
  if (signedIn && status) {
    items.push({
      key: 'lastSynced',
      label: t('sync.lastSynced'),
      children: <span data-testid="sync-last-synced">{status.lastSyncedAt ? timeWithRelative(t, status.lastSyncedAt, now) : t('sync.never')}</span>,
    });
    if (status.state === 'offline' && status.nextRetryAt) {
      items.push({ key: 'retry', label: t('sync.nextRetry'), children: <span data-testid="sync-next-retry">{timeWithRelative(t, status.nextRetryAt, now)}</span> });
    }
    if (status.state !== 'auth_required') items.push({ key: 'live', label: t('sync.live'), children: status.live ? t('sync.liveOn') : t('sync.liveOff') });
    // The state's explanation already says "cannot reach the server" or "sign in again"; a last error is listed only when it adds something.
    const saidAlready = status.state === 'auth_required' || (status.state === 'offline' && status.lastError?.code === 'SYNC_OFFLINE');
    if (status.lastError && status.state !== 'idle' && !saidAlready) {
      items.push({
        key: 'error',
        label: t('sync.lastError'),
        children: (
          <Typography.Text type="danger" data-testid="sync-last-error">
            {syncCodeText(t, status.lastError.code)}
          </Typography.Text>
        ),
      });
    }
  }

  const primary = state === 'signed_out' || state === 'auth_required' ? 'signIn' : 'syncNow';
  return (
    <div className="sync-panel" role="dialog" aria-label={t('sync.panelTitle')} data-testid="sync-panel" data-state={view.state} onKeyDown={keepTabInside}>
      <Flex align="center" gap={6} className={`sync-panel-title sync-tone-${view.tone}`}>
        {view.icon}
        <Typography.Text strong>{state ? t(`sync.state.${state}`) : t('sync.short.unknown')}</Typography.Text>
      </Flex>
      {state && (
        <Typography.Paragraph type="secondary" className="sync-panel-explain">
          {t(`sync.explain.${state}`)}
        </Typography.Paragraph>
      )}
      {items.length > 0 && <Descriptions size="small" column={1} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} className="sync-panel-facts" />}
      {lastRound && signedIn && (
        <Typography.Paragraph className="sync-panel-round" data-testid="sync-last-round">
          {t('sync.lastRound', { time: clockText(lastRound.at, now, true), pushed: lastRound.round.pushed, pulled: lastRound.round.pulled })}
        </Typography.Paragraph>
      )}
      <Flex wrap gap={6} className="sync-panel-actions">
        {signedIn && state !== 'auth_required' && (
          <Button
            size="small"
            type={primary === 'syncNow' ? 'primary' : 'default'}
            icon={<SyncOutlined spin={running} />}
            onClick={onSyncNow}
            aria-busy={running}
            autoFocus={primary === 'syncNow'}
            aria-keyshortcuts="Control+Shift+S"
            data-testid="sync-now"
          >
            {t('sync.syncNow')}
            <kbd className="btn-kbd">{t('keys.syncNow')}</kbd>
          </Button>
        )}
        {signedIn && state !== 'auth_required' && (
          <Button
            size="small"
            icon={state === 'paused' ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
            onClick={() => onPause(state !== 'paused')}
            autoFocus={state === 'paused'}
            data-testid="sync-pause"
          >
            {state === 'paused' ? t('sync.resume') : t('sync.pause')}
          </Button>
        )}
        {primary === 'signIn' && (
          <Button size="small" type="primary" icon={<LoginOutlined />} onClick={onSignIn} autoFocus data-testid="sync-sign-in">
            {state === 'auth_required' ? t('sync.signInAgain') : t('sync.signIn')}
          </Button>
        )}
        {signedIn && (
          <Button size="small" icon={<LogoutOutlined />} onClick={onSignOut} data-testid="sync-sign-out">
            {t('sync.signOut')}
          </Button>
        )}
        <Button size="small" danger={problems > 0} icon={<WarningOutlined />} onClick={onProblems} data-testid="sync-open-problems">
          {problems > 0 ? t('sync.problemsCount', { count: problems }) : t('sync.problems')}
        </Button>
      </Flex>
    </div>
  );
}
