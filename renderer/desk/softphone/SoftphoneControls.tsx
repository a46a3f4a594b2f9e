import { AudioMutedOutlined, AudioOutlined, CloseOutlined, NumberOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Popover, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DTMF_KEYS } from '../../../shared/desk/softphone.js';
import { useHotkey } from '../../hooks/useHotkey.js';
import { useNow } from '../../hooks/useNow.js';
import { SOCKET_LOST } from './sipPhone.js';
import { useSoftphoneStore } from './softphoneStore.js';
import { TransferDialog } from './TransferDialog.js';

const MUTE = { code: 'F7' };
const KEYPAD = { code: 'KeyP', ctrl: true, shift: true };
const TRANSFER = { code: 'KeyT', ctrl: true, shift: true };

const REG_COLORS = { off: 'default', registering: 'processing', registered: 'success', failed: 'error', paused: 'warning' } as const;

/** The softphone's registration, always in the call bar when this seat has one: the PBX's own reason when it failed. */
export function SoftphoneStatus(): React.JSX.Element | null {
  const { t } = useTranslation();
  const account = useSoftphoneStore((s) => s.account);
  const reg = useSoftphoneStore((s) => s.registration);
  const now = useNow(1000, reg.retryAt !== null);
  if (!account) return null;
  const retry = reg.retryAt !== null ? Math.max(0, Math.ceil((reg.retryAt - now) / 1000)) : null;
  const text =
    reg.state === 'registered'
      ? t('softphone.reg.registered', { extension: account.extension })
      : reg.state === 'failed' && reg.reason === SOCKET_LOST
        ? t('softphone.reg.lost')
        : reg.state === 'failed'
          ? t('softphone.reg.failed', { reason: reg.reason ?? '' })
        : t(`softphone.reg.${reg.state}`);
  return (
    <Tag color={REG_COLORS[reg.state]} data-testid="softphone-status" data-state={reg.state} role="status" aria-live="polite">
      {text}
      {retry !== null && reg.state === 'failed' ? ` · ${t('softphone.reg.retryIn', { seconds: retry })}` : ''}
    </Tag>
  );
}

/**
 * Mute, keypad (DTMF), blind and attended transfer and the audio indicator for a call on
 * the softphone's line. The keys: F7 mute, Ctrl+Shift+P keypad,
 * Ctrl+Shift+T transfer (F2/F3/F4 answer, hold, hang up as for every call).
 */
export function SoftphoneLineControls(): React.JSX.Element | null {
  const { t } = useTranslation();
  const line = useSoftphoneStore((s) => s.line);
  const media = useSoftphoneStore((s) => s.media);
  const problem = useSoftphoneStore((s) => s.problem);
  const keypadOpen = useSoftphoneStore((s) => s.keypadOpen);
  const { setMute, openKeypad, openTransfer, dismissProblem } = useSoftphoneStore.getState();
  const established = line?.established === true;
  useHotkey(MUTE, () => setMute(!line?.muted), established);
  useHotkey(KEYPAD, () => openKeypad(!keypadOpen), established);
  useHotkey(TRANSFER, () => openTransfer(true), established);
  const label = (text: string, keys: string): string => t('common.withShortcut', { label: text, keys });

  return (
    <>
      {line && established && (
        <>
          <MediaIndicator inCount={media?.packetsIn ?? 0} outCount={media?.packetsOut ?? 0} flowing={line.held || (media?.flowing ?? false)} />
          <Tooltip title={label(line.muted ? t('softphone.unmute') : t('softphone.mute'), t('softphone.keys.mute'))}>
            <Button
              icon={line.muted ? <AudioMutedOutlined /> : <AudioOutlined />}
              aria-pressed={line.muted}
              aria-keyshortcuts="F7"
              onClick={() => setMute(!line.muted)}
              data-testid="softphone-mute"
              danger={line.muted}
            >
              {line.muted ? t('softphone.muted') : t('softphone.mute')} <kbd className="nav-kbd">{t('softphone.keys.mute')}</kbd>
            </Button>
          </Tooltip>
          <Popover open={keypadOpen} onOpenChange={(open) => openKeypad(open)} trigger="click" content={<Keypad />} title={t('softphone.keypad')} placement="bottomRight">
            <Button icon={<NumberOutlined />} aria-keyshortcuts="Control+Shift+P" aria-expanded={keypadOpen} title={label(t('softphone.keypad'), t('softphone.keys.keypad'))} data-testid="softphone-keypad-open">
              {t('softphone.keypad')} <kbd className="nav-kbd">{t('softphone.keys.keypad')}</kbd>
            </Button>
          </Popover>
          <Button icon={<SwapOutlined />} aria-keyshortcuts="Control+Shift+T" title={label(t('softphone.transfer'), t('softphone.keys.transfer'))} onClick={() => openTransfer(true)} data-testid="softphone-transfer-open">
            {t('softphone.transfer')} <kbd className="nav-kbd">{t('softphone.keys.transfer')}</kbd>
          </Button>
          <TransferDialog />
        </>
      )}
      {problem && (
        <Typography.Text type="danger" role="alert" data-testid="softphone-problem">
          {t(`softphone.problem.${problem.kind}`, { detail: problem.detail })}
          <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('common.close')} onClick={dismissProblem} />
        </Typography.Text>
      )}
    </>
  );
}

/** Audio flowing or not, from the RTP packet counts (never from the SIP state alone). */
function MediaIndicator({ inCount, outCount, flowing }: { inCount: number; outCount: number; flowing: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('softphone.media.detail', { in: inCount, out: outCount })}>
      <Tag color={flowing ? 'green' : 'red'} data-testid="softphone-media" data-in={inCount} data-out={outCount} data-flowing={flowing}>
        {flowing ? t('softphone.media.flowing') : t('softphone.media.silent')}
      </Tag>
    </Tooltip>
  );
}

function Keypad(): React.JSX.Element {
  const { t } = useTranslation();
  const dtmf = useSoftphoneStore((s) => s.dtmf);
  const [sent, setSent] = useState('');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const press = (k: string): void => {
    dtmf(k);
    setSent((s) => (s + k).slice(-24));
  };
  return (
    <div
      data-testid="softphone-keypad"
      onKeyDown={(e) => {
        if ((DTMF_KEYS as readonly string[]).includes(e.key)) {
          e.preventDefault();
          press(e.key);
        }
      }}
    >
      <Typography.Text type="secondary">{t('softphone.keypadHint')}</Typography.Text>
      <div className="softphone-keypad" role="group" aria-label={t('softphone.keypad')}>
        {DTMF_KEYS.map((k, i) => (
          <Button key={k} ref={i === 0 ? first : undefined} onClick={() => press(k)} aria-label={k} data-testid={`dtmf-${k === '*' ? 'star' : k === '#' ? 'hash' : k}`}>
            {k}
          </Button>
        ))}
      </div>
      <Typography.Text className="tabular" data-testid="softphone-dtmf-sent">
        {sent ? t('softphone.keypadSent', { keys: sent }) : '\u00a0'}
      </Typography.Text>
    </div>
  );
}
