import { App, Button, Card, Checkbox, Flex, Form, Input, Popconfirm, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SoftphoneInputSchema, type SoftphoneInfo } from '../../shared/desk/softphone.js';
import { fieldIssuesFrom, type AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';
import { useSoftphoneStore } from '../desk/softphone/softphoneStore.js';
import { errorText } from '../i18n/messages.js';
import { showIssues } from './formIssues.js';
import { SecretSettingsStatus } from './SecretSettingsStatus.js';
import { useLive } from './useLive.js';

interface Values {
  domain?: string;
  wsUrl?: string;
  extension?: string;
  password?: string;
  autoAnswer?: boolean;
  whenNotReady?: 'busy' | 'unregister';
}
const FIELDS = ['domain', 'wsUrl', 'extension', 'password'] as const;

/**
 * This seat's softphone (issue 19), admin only: the PBX's SIP domain, its
 * WebSocket URL (wss://, ws:// to this PC only), the seat's extension and
 * its password (write-only: the core answers "set" / "not set").
 */
export function SoftphoneSettingsPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const live = useLive('cti:softphone', {}, {});
  const [fresh, setFresh] = useState<SoftphoneInfo | null>(null);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const info = fresh ?? live.value;

  useEffect(() => {
    if (info) form.setFieldsValue({ domain: info.domain ?? '', wsUrl: info.wsUrl ?? '', extension: info.extension ?? '', password: '', autoAnswer: info.autoAnswer, whenNotReady: info.whenNotReady });
  }, [info, form]);

  const save = async (): Promise<void> => {
    if (busy) return;
    const v = form.getFieldsValue(true);
    const input = { domain: v.domain ?? '', wsUrl: v.wsUrl ?? '', extension: v.extension ?? '', autoAnswer: v.autoAnswer === true, whenNotReady: v.whenNotReady ?? 'busy', ...(v.password ? { password: v.password } : {}) };
    const parsed = SoftphoneInputSchema.safeParse(input);
    if (!parsed.success) {
      showIssues(form, t, fieldIssuesFrom(parsed.error), FIELDS);
      return;
    }
    setBusy(true);
    const r = await call('cti:setSoftphone', parsed.data);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      if (r.error.fields) showIssues(form, t, r.error.fields, FIELDS);
      return;
    }
    setError(null);
    setFresh(r.value);
    void message.success(t('softphone.settings.saved'));
    // The admin's own desk registers with the new settings at once.
    void useSoftphoneStore.getState().reload();
  };

  const clear = async (): Promise<void> => {
    setBusy(true);
    const r = await call('cti:clearSoftphone', {});
    setBusy(false);
    if (!r.ok) return void message.error(errorText(t, r.error));
    setError(null);
    setFresh(r.value);
    void message.success(t('softphone.settings.cleared'));
    void useSoftphoneStore.getState().reload();
  };

  return (
    <Card size="small" title={t('softphone.settings.title')} data-testid="softphone-settings-panel">
      <Typography.Paragraph type="secondary">{t('softphone.settings.intro')}</Typography.Paragraph>
      <SecretSettingsStatus
        loadError={live.error}
        info={info ? { configured: info.configured, secretSet: info.passwordSet, secretPersisted: info.passwordPersisted } : null}
        error={error}
        labels={{
          state: t('softphone.settings.state'),
          on: t('softphone.settings.on'),
          off: t('softphone.settings.off'),
          secret: t('softphone.settings.password'),
          secretSet: t('softphone.settings.passwordSet'),
          secretNotSet: t('softphone.settings.passwordNotSet'),
          memoryOnly: t('softphone.settings.passwordMemoryOnly'),
        }}
        testIds={{ state: 'softphone-settings-state', secret: 'softphone-password-state', error: 'softphone-settings-error' }}
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={() => void save()}
        style={{ maxWidth: 560 }}
        requiredMark={false}
        onValuesChange={(changed: Values) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })))}
      >
        <Form.Item name="domain" label={t('softphone.settings.domain')} htmlFor="softphone-domain" extra={t('softphone.settings.domainHint')}>
          <Input id="softphone-domain" autoComplete="off" spellCheck={false} data-testid="softphone-domain" />
        </Form.Item>
        <Form.Item name="wsUrl" label={t('softphone.settings.wsUrl')} htmlFor="softphone-ws-url" extra={t('softphone.settings.wsUrlHint')}>
          <Input id="softphone-ws-url" placeholder="wss://pbx.example.cn:7443/ws" autoComplete="off" spellCheck={false} data-testid="softphone-ws-url" />
        </Form.Item>
        <Form.Item name="extension" label={t('softphone.settings.extension')} htmlFor="softphone-extension">
          <Input id="softphone-extension" autoComplete="off" style={{ maxWidth: 240 }} data-testid="softphone-extension" />
        </Form.Item>
        <Form.Item name="password" label={t('softphone.settings.password')} htmlFor="softphone-password">
          <Input.Password id="softphone-password" placeholder={info?.passwordSet ? t('softphone.settings.passwordKeep') : ''} autoComplete="new-password" data-testid="softphone-password" />
        </Form.Item>
        <Form.Item name="autoAnswer" valuePropName="checked">
          <Checkbox data-testid="softphone-auto-answer">{t('softphone.settings.autoAnswer')}</Checkbox>
        </Form.Item>
        <Form.Item name="whenNotReady" label={t('softphone.settings.whenNotReady')}>
          <Radio.Group data-testid="softphone-when-not-ready">
            <Radio value="busy" data-testid="softphone-when-not-ready-busy">
              {t('softphone.settings.whenNotReadyBusy')}
            </Radio>
            <Radio value="unregister" data-testid="softphone-when-not-ready-unregister">
              {t('softphone.settings.whenNotReadyUnregister')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="softphone-save">
            {t('softphone.settings.save')}
          </Button>
          {info?.configured && (
            <Popconfirm title={t('softphone.settings.clearConfirm')} onConfirm={() => void clear()} okText={t('softphone.settings.clear')} cancelText={t('common.cancel')}>
              <Button danger disabled={busy} data-testid="softphone-clear">
                {t('softphone.settings.clear')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
