import { PhoneOutlined } from '@ant-design/icons';
import { App, Button, Flex, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Callback } from '../../shared/desk/schema.js';
import { LIMITS } from '../../shared/tickets/schema.js';
import { call } from '../api/client.js';
import { useCallStore } from '../desk/callStore.js';
import { errorText } from '../i18n/messages.js';
import { NoteDialog } from './NoteDialog.js';

export function CallbackTags({ callback }: { callback: Callback }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap="wrap">
      {callback.status !== 'scheduled' && <Tag data-testid="callback-status">{t(`work.callback.status.${callback.status}`)}</Tag>}
      {callback.status === 'scheduled' && callback.overdue && (
        <Tag color="red" data-testid="callback-overdue">
          {t('work.callback.overdue')}
        </Tag>
      )}
      {callback.status === 'scheduled' && callback.released && (
        <Tag color="volcano" data-testid="callback-released">
          {t('work.callback.released')}
        </Tag>
      )}
    </Flex>
  );
}

/**
 * Call back (an outbound call tied to the callback), record the outcome,
 * cancel with a reason, or take a released one from a teammate. `me` decides
 * which: only the owner completes; anyone on the team takes a released one.
 */
export function CallbackActions({ callback, me, onChanged }: { callback: Callback; me: string | null; onChanged(): void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'complete' | 'cancel' | null>(null);
  const [busy, setBusy] = useState(false);
  if (callback.status !== 'scheduled') return null;
  const mine = me !== null && callback.ownerId === me;

  const dial = async (): Promise<void> => {
    setBusy(true);
    // Through the call store: on the softphone when this seat has one (issue 19), else the record (and the connector's dial).
    const r = await useCallStore.getState().startCall('outbound', callback.phone, callback.id);
    setBusy(false);
    if (r.ok) void message.success({ content: <span data-testid="toast-dialing">{t('work.callback.dialing', { number: callback.phone })}</span> });
    else void message.error(errorText(t, r.error));
  };
  const take = async (): Promise<void> => {
    setBusy(true);
    const r = await call('callbacks:take', { id: callback.id });
    setBusy(false);
    if (r.ok) {
      void message.success(t('work.callback.taken'));
      onChanged();
    } else void message.error(errorText(t, r.error));
  };

  return (
    <Flex gap={4} wrap="wrap">
      {mine ? (
        <>
          <Button size="small" type="primary" icon={<PhoneOutlined />} disabled={busy} onClick={() => void dial()} data-testid="callback-dial">
            {t('work.callback.dial')}
          </Button>
          <Button size="small" disabled={busy} onClick={() => setDialog('complete')} data-testid="callback-complete">
            {t('work.callback.complete')}
          </Button>
          <Button size="small" type="text" disabled={busy} onClick={() => setDialog('cancel')} data-testid="callback-cancel-button">
            {t('work.callback.cancel')}
          </Button>
        </>
      ) : (
        callback.released && (
          <Button size="small" type="primary" disabled={busy} onClick={() => void take()} data-testid="callback-take">
            {t('work.callback.take')}
          </Button>
        )
      )}
      {dialog === 'complete' && (
        <NoteDialog
          title={t('work.callback.completeTitle', { name: callback.customerName })}
          label={t('work.callback.outcome')}
          okText={t('work.callback.complete')}
          maxLength={LIMITS.note}
          testId="callback-outcome-dialog"
          submit={(outcome) => call('callbacks:complete', { id: callback.id, outcome })}
          onCancel={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
      {dialog === 'cancel' && (
        <NoteDialog
          title={t('work.callback.cancelTitle', { name: callback.customerName })}
          label={t('work.callback.cancelReason')}
          okText={t('work.callback.cancelOk')}
          maxLength={2000}
          testId="callback-cancel-dialog"
          submit={(reason) => call('callbacks:cancel', { id: callback.id, reason })}
          onCancel={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}
