import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ChangePasswordDialog } from '../admin/ChangePasswordDialog.js';
import { usePasswordStore } from '../admin/passwordStore.js';
import { useSyncStore } from '../sync/syncStore.js';
import { App, Button, Dropdown, Flex, Modal, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSession, AgentStateName } from '../../shared/desk/schema.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useNow } from '../hooks/useNow.js';
import { errorText } from '../i18n/messages.js';
import { clock } from './callTimes.js';
import { reasonLabel } from './labels.js';
import { useSessionStore } from './sessionStore.js';

const STATE_KEY = { code: 'F8' };
const COLORS: Record<AgentStateName, string> = { offline: 'default', ready: 'green', on_call: 'blue', after_call: 'purple', not_ready: 'orange' };

/**
 * The agent's state and how long in it (the status timer counts from the
 * session's `since`, so a reload keeps the figure), ready / not ready with a
 * reason, and sign-out. F8: not ready → ready, ready → pick a reason.
 */
export function AgentStateControl(): React.JSX.Element | null {
  const session = useSessionStore((s) => s.session);
  return session?.agent ? <StateControl session={session} agent={session.agent} /> : null;
}

function StateControl({ session, agent }: { session: AgentSession; agent: NonNullable<AgentSession['agent']> }): React.JSX.Element {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const config = useSessionStore((s) => s.config);
  const setState = useSessionStore((s) => s.setState);
  const signOut = useSessionStore((s) => s.signOut);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const now = useNow(1000);

  const state = session.state;
  const onCall = state === 'on_call' || state === 'after_call';
  const reasons = config.notReadyReasons;
  const reasonText = session.reason ? reasonLabel(t, reasons.find((r) => r.code === session.reason), session.reason) : null;
  // Not ready with no reason: a supervisor or admin who signed in without taking calls.
  const stateText = reasonText
    ? t('desk.agent.stateWithReason', { state: t(`desk.agent.state.${state}`), reason: reasonText })
    : state === 'not_ready'
      ? t('desk.agent.notTakingCalls')
      : t(`desk.agent.state.${state}`);
  const since = session.since ? Math.max(0, Math.floor((now - Date.parse(session.since)) / 1000)) : null;

  const change = async (next: 'ready' | 'not_ready', reason?: string): Promise<void> => {
    setPicking(false);
    setBusy(true);
    const r = await setState(next, reason);
    setBusy(false);
    if (!r.ok) void message.error(t('desk.agent.changeFailed', { error: errorText(t, r.error) }));
  };

  const toggle = (): void => {
    if (busy) return;
    if (onCall) {
      void message.info(t('desk.agent.busyOnCall'));
      return;
    }
    if (state === 'ready') setPicking(true);
    else void change('ready');
  };

  useHotkey(STATE_KEY, toggle, !picking);

  const askSignOut = (): void => {
    if (onCall) {
      void message.warning(t('desk.agent.signOutOnCall'));
      return;
    }
    modal.confirm({
      title: t('desk.agent.signOutConfirm'),
      content: t('desk.agent.signOutBody'),
      okText: t('desk.agent.signOut'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'sign-out-ok' } as ButtonProps,
      onOk: async () => {
        const r = await signOut();
        if (!r.ok) void message.error(t('desk.agent.signOutFailed', { error: errorText(t, r.error) }));
      },
    });
  };

  const stateHint = t('common.withShortcut', { label: state === 'ready' ? t('desk.agent.notReady') : t('desk.agent.ready'), keys: t('desk.keys.agentState') });
  const menu = {
    items: [
      { key: 'ready', label: t('desk.agent.ready'), disabled: state === 'ready' || onCall },
      { type: 'divider' as const },
      ...reasons.map((r, i) => ({ key: `nr:${r.code}`, label: `${i + 1}. ${reasonLabel(t, r, r.code)}`, disabled: onCall || (state === 'not_ready' && session.reason === r.code) })),
    ],
    onClick: ({ key }: { key: string }) => void (key === 'ready' ? change('ready') : change('not_ready', key.slice(3))),
  };

  return (
    <Flex align="center" gap={8} data-testid="agent-state" data-state={state}>
      <Dropdown menu={menu} trigger={['click']} disabled={busy}>
        <Tooltip title={stateHint}>
          <Button size="small" aria-label={`${t('desk.agent.stateLabel')}: ${stateText}`} aria-keyshortcuts="F8" data-testid="agent-state-button">
            <Tag color={COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="agent-state-tag">
              {stateText}
            </Tag>
            {since !== null && (
              <Typography.Text type="secondary" className="tabular" data-testid="agent-state-timer">
                {clock(since)}
              </Typography.Text>
            )}
            <kbd className="nav-kbd">{t('desk.keys.agentState')}</kbd>
          </Button>
        </Tooltip>
      </Dropdown>
      <Tooltip title={t(agent.source === 'server' ? 'desk.agent.server' : 'desk.agent.local')}>
        {/* issue 16: one's own password, from one's own name */}
        <Button
          size="small"
          type="text"
          icon={<UserOutlined />}
          aria-label={`${agent.displayName} · ${t('admin.password.menu')}`}
          onClick={() => usePasswordStore.getState().open({ username: agent.username, server: agent.source === 'server' ? (useSyncStore.getState().status?.server ?? null) : null, forced: false })}
          data-testid="agent-name"
        >
          {agent.displayName}
        </Button>
      </Tooltip>
      <Button size="small" icon={<LogoutOutlined />} onClick={askSignOut} data-testid="sign-out">
        {t('desk.agent.signOut')}
      </Button>
      <ChangePasswordDialog />
      {picking && <ReasonPicker reasons={reasons} onPick={(code) => void change('not_ready', code)} onCancel={() => setPicking(false)} />}
    </Flex>
  );
}

/** Not ready needs a reason (attendance reads it): one digit picks it. */
function ReasonPicker({ reasons, onPick, onCancel }: { reasons: readonly { code: string; label: string }[]; onPick(code: string): void; onCancel(): void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Modal open title={t('desk.agent.pickReason')} footer={null} onCancel={onCancel} width={360} destroyOnHidden>
      <div
        data-testid="reason-picker"
        onKeyDown={(e) => {
          const n = Number.parseInt(e.key, 10);
          const r = Number.isInteger(n) ? reasons[n - 1] : undefined;
          if (r) {
            e.preventDefault();
            onPick(r.code);
          }
        }}
      >
        <Flex vertical gap={6}>
          {reasons.map((r, i) => (
            <Button key={r.code} autoFocus={i === 0} block style={{ justifyContent: 'flex-start' }} onClick={() => onPick(r.code)} data-testid={`reason-${r.code}`}>
              <kbd className="nav-kbd">{i + 1}</kbd> {reasonLabel(t, r, r.code)}
            </Button>
          ))}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          {t('desk.agent.pickReasonHint', { close: t('keys.close') })}
        </Typography.Text>
      </div>
    </Modal>
  );
}
