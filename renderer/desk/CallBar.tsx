import { PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Flex, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { PHONE_FAILURES } from './phoneFailures.js';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../shared/desk/schema.js';
import type { Result } from '../../shared/result.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { useNow } from '../hooks/useNow.js';
import { errorText } from '../i18n/messages.js';
import { useCallStore } from './callStore.js';
import { callTimes, clock, currentHoldSeconds, wrapOverdue } from './callTimes.js';
import { useConsoleStore } from './consoleStore.js';
import { NewCallDialog } from './NewCallDialog.js';
import { usePopStore } from './popStore.js';
import { useSessionStore } from './sessionStore.js';
import { SoftphoneLineControls, SoftphoneStatus } from './softphone/SoftphoneControls.js';
import { onLine, useSoftphoneStore } from './softphone/softphoneStore.js';
import { WrapUpControls } from './WrapUpControls.js';

const ANSWER = { code: 'F2' };
const HOLD = { code: 'F3' };
const HANGUP = { code: 'F4' };
const NEW_CALL = { code: 'F6' };

const STATUS_COLORS: Record<Call['status'], string> = { ringing: 'gold', talking: 'blue', held: 'orange', wrap_up: 'purple', ended: 'default', missed: 'red' };

/**
 * Always on top of the console: what the call is doing and the one key for
 * the next step (F2 answer, F3 hold/resume, F4 hang up, F6 new call). Every
 * figure is computed from the call's stored timestamps and the clock.
 */
export function CallBar(): React.JSX.Element {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const hangupHere = useCallStore((s) => s.hangupHere);
  const current = useCallStore((s) => s.current);
  const busy = useCallStore((s) => s.busy);
  const act = useCallStore((s) => s.act);
  const config = useSessionStore((s) => s.config);
  const pop = usePopStore((s) => (current && s.number === current.number ? s.pop : null));
  const newCallOpen = useConsoleStore((s) => s.newCallOpen);
  const openNewCall = useConsoleStore((s) => s.openNewCall);
  const now = useNow(1000, current !== null);
  const softphoneLine = useSoftphoneStore((s) => s.line);

  const report = (r: Result<Call> | null): void => {
    if (r && !r.ok) void message.error(t('desk.call.actionFailed', { error: errorText(t, r.error) }));
  };
  /**
   * A hang-up the phone system did not carry out leaves the call on the line
   * here too; the agent may end the record on this PC only (the caller is
   * gone) or keep it and hang up on the phone.
   */
  const reportHangup = (r: Result<Call> | null): void => {
    if (!r || r.ok || !PHONE_FAILURES.has(r.error.code)) return report(r);
    modal.confirm({
      title: t('desk.phone.hangupFailedTitle'),
      content: <span data-testid="hangup-failed">{t('desk.phone.hangupFailed', { error: errorText(t, r.error) })}</span>,
      okText: t('desk.phone.endHereOnly'),
      okButtonProps: { danger: true, 'data-testid': 'hangup-here' } as ButtonProps,
      cancelText: t('desk.phone.keepCall'),
      onOk: () => void hangupHere().then(report),
    });
  };
  const status = current?.status;
  // A call the softphone dialled is answered by the customer (the PBX says so), not marked by the agent.
  const dialledHere = softphoneLine !== null && current !== null && current.direction === 'outbound' && onLine(softphoneLine, current);
  useHotkey(ANSWER, () => void act('calls:answer').then(report), status === 'ringing' && !dialledHere);
  useHotkey(HOLD, () => void act(status === 'held' ? 'calls:resume' : 'calls:hold').then(report), status === 'talking' || status === 'held');
  useHotkey(HANGUP, () => void act('calls:hangup').then(reportHangup), status === 'ringing' || status === 'talking' || status === 'held');
  useHotkey(NEW_CALL, () => openNewCall(), !current && !newCallOpen);

  const label = (text: string, keys: string): string => t('common.withShortcut', { label: text, keys });
  const keyed = (text: string, keys: string): React.ReactNode => (
    <>
      {text} <kbd className="nav-kbd">{keys}</kbd>
    </>
  );

  if (!current) {
    return (
      <Flex className="call-bar" align="center" justify="space-between" gap={12} role="region" aria-label={t('desk.call.barLabel')} data-testid="call-bar" data-status="idle">
        <Flex align="center" gap={8}>
          <PhoneOutlined />
          <Typography.Text strong>{t('desk.call.idle')}</Typography.Text>
          <Typography.Text type="secondary">{t('desk.call.idleHint', { keys: t('desk.keys.newCall') })}</Typography.Text>
          <SoftphoneStatus />
        </Flex>
        <Button icon={<PlusOutlined />} onClick={() => openNewCall()} aria-keyshortcuts="F6" title={label(t('desk.call.newCall'), t('desk.keys.newCall'))} data-testid="new-call">
          {keyed(t('desk.call.newCall'), t('desk.keys.newCall'))}
        </Button>
        <NewCallDialog />
      </Flex>
    );
  }

  const times = callTimes(current, now, config.afterCallWorkSeconds);
  const onSoftphone = softphoneLine !== null && onLine(softphoneLine, current);
  const holdNow = currentHoldSeconds(current, now);
  const who = pop?.customer?.name ?? (pop ? t('desk.call.unknownCaller') : null);
  // F2 on a call the agent dialled says the customer picked up (it completes a callback it keeps).
  const answerText = current.direction === 'outbound' ? t('desk.call.reached') : t('desk.call.answer');

  return (
    <Flex className={`call-bar call-bar-${current.status}`} align="center" justify="space-between" gap={12} wrap role="region" aria-label={t('desk.call.barLabel')} data-testid="call-bar" data-status={current.status}>
      <Flex align="center" gap={10} wrap style={{ minWidth: 0 }}>
        <Tag color={STATUS_COLORS[current.status]} data-testid="call-status" style={{ fontSize: 14, paddingBlock: 2 }}>
          {/* An outbound call rings at the customer's end: it is being dialled, not an incoming call. */}
          {current.status === 'ringing' && current.direction === 'outbound' ? t('desk.call.dialling') : t(`desk.call.status.${current.status}`)}
        </Tag>
        <Tag data-testid="call-direction">{t(`desk.call.direction.${current.direction}`)}</Tag>
        <Typography.Text strong className="call-number" title={current.number} copyable={{ text: current.number }} data-testid="call-number">
          {current.number}
        </Typography.Text>
        {who && (
          <Typography.Text strong title={who} data-testid="call-customer">
            {who}
          </Typography.Text>
        )}
        {current.status === 'ringing' ? (
          <Typography.Text className="tabular" data-testid="ring-timer">
            {t('desk.call.ringFor', { time: clock(times.ringSeconds) })}
          </Typography.Text>
        ) : (
          <Flex gap={12} className="tabular">
            <span>
              <Typography.Text type="secondary">{t('desk.call.talk')} </Typography.Text>
              <Typography.Text strong data-testid="talk-timer">
                {clock(times.talkSeconds)}
              </Typography.Text>
            </span>
            <span>
              <Typography.Text type="secondary">{t('desk.call.holdTime')} </Typography.Text>
              <Typography.Text data-testid="hold-timer">{clock(times.holdSeconds)}</Typography.Text>
            </span>
            {current.status === 'held' && (
              <Typography.Text type="warning" strong data-testid="hold-now">
                {t('desk.call.holdNow', { time: clock(holdNow) })}
              </Typography.Text>
            )}
          </Flex>
        )}
        {current.ticketIds.length > 0 && <Tag color="green">{t('desk.call.linkedTickets', { count: current.ticketIds.length })}</Tag>}
        <SoftphoneStatus />
      </Flex>
      <Flex align="center" gap={8} wrap>
        {onSoftphone && <SoftphoneLineControls />}
        {current.status === 'ringing' && !dialledHere && (
          <Tooltip title={label(answerText, t('desk.keys.answer'))}>
            <Button type="primary" icon={<PhoneOutlined />} loading={busy === 'calls:answer'} onClick={() => void act('calls:answer').then(report)} aria-keyshortcuts="F2" data-testid="call-answer">
              {keyed(answerText, t('desk.keys.answer'))}
            </Button>
          </Tooltip>
        )}
        {(current.status === 'talking' || current.status === 'held') && (
          <Button
            icon={current.status === 'held' ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
            loading={busy === 'calls:hold' || busy === 'calls:resume'}
            onClick={() => void act(current.status === 'held' ? 'calls:resume' : 'calls:hold').then(report)}
            aria-keyshortcuts="F3"
            data-testid={current.status === 'held' ? 'call-resume' : 'call-hold'}
          >
            {keyed(current.status === 'held' ? t('desk.call.resume') : t('desk.call.hold'), t('desk.keys.hold'))}
          </Button>
        )}
        {current.status !== 'wrap_up' && (
          <Button danger icon={<StopOutlined />} loading={busy === 'calls:hangup'} onClick={() => void act('calls:hangup').then(reportHangup)} aria-keyshortcuts="F4" data-testid="call-hangup">
            {keyed(t('desk.call.hangup'), t('desk.keys.hangup'))}
          </Button>
        )}
        {current.status === 'wrap_up' && <WrapUpControls call={current} remaining={times.wrapRemainingSeconds ?? 0} over={wrapOverdue(current, now, config.afterCallWorkSeconds)} />}
      </Flex>
    </Flex>
  );
}
