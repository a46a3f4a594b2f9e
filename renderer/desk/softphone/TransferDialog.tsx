import { App, Button, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/messages.js';
import { useSoftphoneStore } from './softphoneStore.js';

type Mode = 'blind' | 'attended';

/**
 * Transfer the softphone's call (Ctrl+Shift+T): blind (REFER, this seat
 * leaves at once) or attended (the customer is held while the agent talks
 * to the target; then complete, REFER with Replaces, or cancel, back to the
 * customer). Escape during a consultation is a cancel: the customer is
 * never left on hold by closing the dialog.
 */
export function TransferDialog(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const open = useSoftphoneStore((s) => s.transferOpen);
  const consult = useSoftphoneStore((s) => s.consult);
  const { openTransfer, transfer, consultStart, consultComplete, consultCancel } = useSoftphoneStore.getState();
  const [mode, setMode] = useState<Mode>('blind');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (r: { error: Parameters<typeof errorText>[1] }): void => {
    const invalid = r.error.fields?.some((f) => f.code === 'target_invalid') === true;
    setError(invalid ? t('softphone.transferInvalid') : t('softphone.transferFailed', { error: errorText(t, r.error) }));
  };
  const finish = (text: string): void => {
    void message.success(text);
    setTarget('');
    setError(null);
    openTransfer(false);
  };
  const run = async (step: () => Promise<{ ok: true } | { ok: false; error: Parameters<typeof errorText>[1] }>, done?: () => void): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const r = await step();
    setBusy(false);
    if (!r.ok) return fail(r);
    setError(null);
    done?.();
  };
  const submit = (): void => {
    if (consult) {
      if (consult.state === 'talking') void run(consultComplete, () => finish(t('softphone.consultDone', { target })));
      return;
    }
    if (mode === 'blind') void run(() => transfer(target), () => finish(t('softphone.transferDone', { target })));
    else void run(() => consultStart(target));
  };
  const cancel = (): void => {
    if (consult) consultCancel();
    openTransfer(false);
  };

  const consultText = consult
    ? consult.state === 'calling'
      ? t('softphone.consultCalling', { target })
      : consult.state === 'talking'
        ? t('softphone.consultTalking', { target })
        : t('softphone.consultFailed', { target, detail: consult.detail ?? '' })
    : null;

  const footer = consult ? (
    <Flex gap={8} justify="end">
      <Button onClick={cancel} data-testid="softphone-consult-cancel">
        {t('softphone.consultCancel')}
      </Button>
      <Button type="primary" loading={busy} disabled={consult.state !== 'talking'} onClick={submit} data-testid="softphone-consult-complete">
        {t('softphone.consultComplete')}
      </Button>
    </Flex>
  ) : (
    <Flex gap={8} justify="end">
      <Button onClick={cancel}>{t('common.cancel')}</Button>
      <Button type="primary" loading={busy} disabled={target.trim() === ''} onClick={submit} data-testid={mode === 'blind' ? 'softphone-transfer-go' : 'softphone-consult-go'}>
        {mode === 'blind' ? t('softphone.transferGo') : t('softphone.consultGo')}
      </Button>
    </Flex>
  );

  return (
    <Modal open={open} title={t('softphone.transferTitle')} onCancel={cancel} footer={footer} destroyOnHidden data-testid="softphone-transfer-dialog">
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('softphone.transferMode')} extra={mode === 'blind' ? t('softphone.transferBlindHint') : t('softphone.transferAttendedHint')}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} disabled={consult !== null} optionType="button" data-testid="softphone-transfer-mode">
            <Radio.Button value="blind" data-testid="softphone-transfer-blind">
              {t('softphone.transferBlind')}
            </Radio.Button>
            <Radio.Button value="attended" data-testid="softphone-transfer-attended">
              {t('softphone.transferAttended')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('softphone.transferTarget')} htmlFor="softphone-transfer-target" validateStatus={error ? 'error' : ''} help={error}>
          <Input
            id="softphone-transfer-target"
            autoFocus
            value={target}
            readOnly={consult !== null}
            placeholder={t('softphone.transferPlaceholder')}
            onChange={(e) => {
              setTarget(e.target.value);
              setError(null);
            }}
            data-testid="softphone-transfer-target"
          />
        </Form.Item>
        {consultText && (
          <Typography.Paragraph type={consult?.state === 'failed' ? 'danger' : undefined} strong role="status" aria-live="polite" data-testid="softphone-consult-state" data-state={consult?.state}>
            {consultText}
          </Typography.Paragraph>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
