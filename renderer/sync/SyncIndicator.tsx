import { WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Popover } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Hint } from '../app/Hint.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useNow } from '../hooks/useNow.js';
import { SignInDialog } from './SignInDialog.js';
import { SyncPanel } from './SyncPanel.js';
import { SyncProblemsDrawer } from './SyncProblemsDrawer.js';
import { useSyncStore } from './syncStore.js';
import { timeWithRelative } from './syncText.js';
import { syncView } from './syncView.js';
import { useSyncActions } from './useSyncActions.js';

const SYNC_NOW = { code: 'KeyS', ctrl: true, shift: true };

/**
 * The always-visible sync state (architecture.md: "the UI always shows the
 * sync state honestly"). Loads `sync:status` once and then follows the
 * core's `sync:status` event; it never guesses a state the core did not say.
 */
export function SyncIndicator(): React.JSX.Element {
  const { t } = useTranslation();
  const status = useSyncStore((s) => s.shown);
  const running = useSyncStore((s) => s.running);
  const lastRound = useSyncStore((s) => s.lastRound);
  const openSignIn = useSyncStore((s) => s.openSignIn);
  const openProblems = useSyncStore((s) => s.openProblems);
  const actions = useSyncActions();
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  /**
   * The popover closes itself on Esc and on a click outside. Focus that was in
   * the panel (or fell to the page when a button went away) goes back to the
   * indicator, so a keyboard user is never left nowhere; a click on another
   * control keeps its focus.
   */
  const onOpenChange = (next: boolean): void => {
    setOpen(next);
    if (next) return;
    const active = document.activeElement;
    if (!active || active === document.body || panel.current?.contains(active)) window.setTimeout(() => trigger.current?.focus(), 0);
  };
  // "Synced 14:05" only changes per minute; the popover's "in 20 seconds" countdown needs a finer tick.
  const now = useNow(open ? 1_000 : 30_000);
  const view = syncView(t, status, now);
  const problems = status?.problems ?? 0;
  // Standalone: the only thing to do is sign in, so the click goes straight to the dialog.
  const direct = status?.state === 'signed_out';

  useEffect(() => useSyncStore.getState().start(), []);
  useHotkey(SYNC_NOW, () => void actions.syncNow({ inPanel: open }));

  const detail = ((): string => {
    if (!status) return t('sync.short.unknown');
    const explain = t(`sync.explain.${status.state}`);
    if (status.state === 'idle' && status.lastSyncedAt) return `${t('common.labelColon', { label: t('sync.lastSynced') })}${timeWithRelative(t, status.lastSyncedAt, now)}`;
    if (status.state === 'offline' && status.nextRetryAt) return `${explain} ${t('common.labelColon', { label: t('sync.nextRetry') })}${timeWithRelative(t, status.nextRetryAt, now)}`;
    return explain;
  })();

  const button = (
    <Button
      ref={trigger}
      size="small"
      variant="filled"
      color={view.tone}
      icon={view.icon}
      className="sync-indicator"
      aria-label={t('sync.indicatorLabel', { state: view.text })}
      aria-haspopup={direct ? 'dialog' : 'true'}
      aria-expanded={direct ? undefined : open}
      data-testid="sync-indicator"
      data-state={view.state}
      data-pending={status?.pending ?? 0}
      onClick={direct ? openSignIn : undefined}
    >
      <span className="sync-indicator-text">{view.text}</span>
    </Button>
  );

  return (
    <Flex align="center" gap={6} className="sync-indicator-wrap">
      {/* Screen readers hear the state and the problem count change, not every new "synced at" minute. */}
      <span className="sr-only" role="status">
        {status ? t(`sync.state.${status.state}`) : t('sync.short.unknown')}
        {problems > 0 ? ` ${t('sync.problemsBadge', { count: problems })}` : ''}
      </span>
      <Hint title={detail}>
        {direct ? (
          button
        ) : (
          <Popover
            open={open}
            onOpenChange={onOpenChange}
            trigger="click"
            placement="bottomRight"
            arrow={false}
            destroyOnHidden
            content={
              <div ref={panel}>
                <SyncPanel
                  status={status}
                  view={view}
                  now={now}
                  lastRound={lastRound}
                  running={running}
                  onSyncNow={() => void actions.syncNow({ inPanel: true })}
                  onPause={(paused) => void actions.setPaused(paused)}
                  // Each of these closes the popover first: the dialog or drawer it opens takes focus next.
                  onSignIn={() => {
                    setOpen(false);
                    openSignIn();
                  }}
                  onSignOut={() => {
                    setOpen(false);
                    actions.confirmSignOut();
                  }}
                  onProblems={() => {
                    setOpen(false);
                    openProblems();
                  }}
                />
              </div>
            }
          >
            {button}
          </Popover>
        )}
      </Hint>
      {problems > 0 && (
        <Button size="small" variant="filled" color="red" icon={<WarningOutlined />} onClick={openProblems} data-testid="sync-problems-badge" data-count={problems}>
          {t('sync.problemsBadge', { count: problems })}
        </Button>
      )}
      <SignInDialog />
      <SyncProblemsDrawer />
    </Flex>
  );
}
