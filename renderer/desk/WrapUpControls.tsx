import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Typography } from 'antd';
import type { RefSelectProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../shared/desk/schema.js';
import { useHotkey } from '../hooks/useHotkey.js';
import { errorText } from '../i18n/messages.js';
import { useCallStore } from './callStore.js';
import { clock } from './callTimes.js';
import { dispositionLabel } from './labels.js';
import { useSessionStore } from './sessionStore.js';
import { searchable } from '../app/selectSearch.js';

const FINISH = { code: 'F9' };

/**
 * After-call work: the countdown to the admin's limit (past it the core
 * counts the agent ready again and the call waits, flagged in red, for its
 * disposition), the required disposition and "finish wrap-up" (F9).
 */
export function WrapUpControls({ call, remaining, over }: { call: Call; remaining: number; over: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const dispositions = useSessionStore((s) => s.config.dispositions);
  const busy = useCallStore((s) => s.busy);
  const wrapUp = useCallStore((s) => s.wrapUp);
  const [disposition, setDisposition] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const selectRef = useRef<RefSelectProps>(null);

  const finish = async (): Promise<void> => {
    if (!disposition) {
      setMissing(true);
      selectRef.current?.focus();
      return;
    }
    const r = await wrapUp(disposition, note.trim() || undefined);
    if (r && !r.ok) void message.error(t('desk.call.actionFailed', { error: errorText(t, r.error) }));
    else if (r?.ok) void message.success({ content: <span data-testid="toast-wrap-done">{t('desk.call.wrapDone')}</span> });
  };
  useHotkey(FINISH, () => void finish());

  // The disposition is the next step, but a caller who hangs up (a CTI event) must not pull the cursor out of a
  // half-typed word in the ticket form: only an idle cursor moves to the picker.
  useEffect(() => {
    const active = document.activeElement;
    const typing = active instanceof HTMLElement && (active.isContentEditable || ['INPUT', 'TEXTAREA'].includes(active.tagName));
    if (!typing) selectRef.current?.focus();
  }, []);

  return (
    <>
      <span className="tabular" data-testid="wrap-countdown" data-over={over}>
        {over ? (
          <Typography.Text type="danger" strong>
            {t('desk.call.wrapOver')}
          </Typography.Text>
        ) : (
          <>
            <Typography.Text type="secondary">{t('desk.call.wrapLeft')} </Typography.Text>
            <Typography.Text strong type={remaining <= 15 ? 'warning' : undefined}>
              {clock(remaining)}
            </Typography.Text>
          </>
        )}
      </span>
      <Select
        {...searchable}
        ref={selectRef}
        value={disposition}
        onChange={(v: string) => {
          setDisposition(v);
          setMissing(false);
        }}
        status={missing ? 'error' : undefined}
        placeholder={t('desk.call.dispositionPlaceholder')}
        aria-label={t('desk.call.disposition')}
        aria-required
        aria-invalid={missing}
        style={{ width: 200 }}
        data-testid="disposition"
        options={dispositions.map((d) => ({ value: d.code, label: dispositionLabel(t, d, d.code) }))}
      />
      <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('desk.call.notePlaceholder')} aria-label={t('desk.call.note')} style={{ width: 180 }} maxLength={2000} data-testid="wrap-note" />
      {missing && (
        <Typography.Text type="danger" role="alert" data-testid="disposition-required">
          {t('desk.call.dispositionRequired')}
        </Typography.Text>
      )}
      <Button type="primary" icon={<CheckOutlined />} loading={busy === 'wrapUp'} onClick={() => void finish()} aria-keyshortcuts="F9" data-testid="wrap-finish" data-call={call.id}>
        {t('desk.call.finishWrap')} <kbd className="nav-kbd">{t('desk.keys.finishWrap')}</kbd>
      </Button>
    </>
  );
}
