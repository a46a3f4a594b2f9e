import { Alert, Form, Input, Modal, Radio, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/result.js';
import { errorText, isBlank } from '../i18n/messages.js';
import { useCallStore } from './callStore.js';
import { dialableNumber } from './callTimes.js';
import { useConsoleStore } from './consoleStore.js';

/** Mounted only while open, so a number typed for one call never shows up in the next. */
export function NewCallDialog(): React.JSX.Element | null {
  const open = useConsoleStore((s) => s.newCallOpen);
  return open ? <NewCallForm /> : null;
}

/** A call the PBX does not report (a softphone without CTI, a call-back from the desk phone): typed, pasted or from a tel: link. */
function NewCallForm(): React.JSX.Element {
  const { t } = useTranslation();
  const close = useConsoleStore((s) => s.closeNewCall);
  const initial = useConsoleStore((s) => s.newCallNumber);
  const startCall = useCallStore((s) => s.startCall);
  const [direction, setDirection] = useState<'inbound' | 'outbound'>(initial ? 'outbound' : 'inbound');
  const [number, setNumber] = useState(initial);
  // null: no problem; 'required' for an empty box, 'invalid' for a number that cannot be dialled
  const [invalid, setInvalid] = useState<null | 'required' | 'invalid'>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    if (busy) return;
    const dialable = dialableNumber(number);
    if (!dialable) {
      setInvalid(isBlank(number) ? 'required' : 'invalid');
      return;
    }
    setBusy(true);
    const r = await startCall(direction, dialable);
    setBusy(false);
    if (r.ok) close();
    else setError(r.error);
  };

  return (
    <Modal
      open
      title={t('desk.newCall.title')}
      okText={t('desk.newCall.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={close}
      confirmLoading={busy}
      width={400}
      okButtonProps={{ 'data-testid': 'new-call-submit' } as ButtonProps}
    >
      <div data-testid="new-call-dialog">
      {error && <Alert type="error" showIcon title={t('desk.call.actionFailed', { error: errorText(t, error) })} style={{ marginBottom: 8 }} />}
      <Form
        layout="vertical"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          }
        }}
      >
        <Form.Item label={t('desk.newCall.direction')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={direction}
            onChange={(e) => setDirection(e.target.value as 'inbound' | 'outbound')}
            options={(['inbound', 'outbound'] as const).map((d) => ({ value: d, label: t(`desk.call.direction.${d}`) }))}
            data-testid="new-call-direction"
          />
        </Form.Item>
        <Form.Item label={t('desk.newCall.number')} validateStatus={invalid ? 'error' : undefined} help={invalid === 'required' ? t('issues.required') : invalid ? t('desk.newCall.numberInvalid') : undefined} htmlFor="new-call-number">
          <Input
            id="new-call-number"
            autoFocus
            value={number}
            inputMode="tel"
            placeholder={t('desk.newCall.numberPlaceholder')}
            onChange={(e) => {
              setNumber(e.target.value);
              setInvalid(null);
            }}
            onPaste={(e) => {
              // A pasted "tel:+86 138-0013-8000" or "电话：13800138000" keeps only what is dialled.
              const text = e.clipboardData.getData('text');
              const dialable = dialableNumber(text) ?? dialableNumber(text.replace(/[^\d+]/g, ''));
              if (dialable) {
                e.preventDefault();
                setNumber(dialable);
                setInvalid(null);
              }
            }}
            data-testid="new-call-number"
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('desk.newCall.hint', { submit: t('keys.submit'), close: t('keys.close') })}
      </Typography.Text>
      </div>
    </Modal>
  );
}
