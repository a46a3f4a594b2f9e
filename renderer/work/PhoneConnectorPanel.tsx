import { App, Button, Card, Flex, Form, Input, Popconfirm, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectorInputSchema, type ConnectorInfo } from '../../shared/desk/callControl.js';
import { fieldIssuesFrom, type AppErrorData } from '../../shared/result.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import { showIssues } from './formIssues.js';
import { SecretSettingsStatus } from './SecretSettingsStatus.js';
import { useLive } from './useLive.js';

interface Values {
  url?: string;
  seat?: string;
  token?: string;
}
const FIELDS = ['url', 'seat', 'token'] as const;

/**
 * The call-control connector (issue 14), admin only: where the agents'
 * actions are sent as phone commands. The token is write-only: the core
 * answers "set" / "not set", never the token.
 */
export function PhoneConnectorPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const live = useLive('cti:connector', {}, {});
  const [fresh, setFresh] = useState<ConnectorInfo | null>(null);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const info = fresh ?? live.value;

  useEffect(() => {
    if (info) form.setFieldsValue({ url: info.url ?? '', seat: info.seat ?? '', token: '' });
  }, [info, form]);

  const save = async (): Promise<void> => {
    if (busy) return;
    const v = form.getFieldsValue(true);
    const input = { url: v.url ?? '', ...(v.seat?.trim() ? { seat: v.seat } : {}), ...(v.token ? { token: v.token } : {}) };
    const parsed = ConnectorInputSchema.safeParse(input);
    if (!parsed.success) {
      showIssues(form, t, fieldIssuesFrom(parsed.error), FIELDS);
      return;
    }
    setBusy(true);
    const r = await call('cti:setConnector', parsed.data);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      if (r.error.fields) showIssues(form, t, r.error.fields, FIELDS);
      return;
    }
    setError(null);
    setFresh(r.value);
    void message.success(t('work.phone.saved'));
  };

  const clear = async (): Promise<void> => {
    setBusy(true);
    const r = await call('cti:clearConnector', {});
    setBusy(false);
    if (!r.ok) return void message.error(errorText(t, r.error));
    setError(null);
    setFresh(r.value);
    void message.success(t('work.phone.cleared'));
  };

  return (
    <Card size="small" title={t('work.phone.title')} data-testid="phone-connector-panel">
      <SecretSettingsStatus
        loadError={live.error}
        info={info ? { configured: info.configured, secretSet: info.tokenSet, secretPersisted: info.tokenPersisted } : null}
        error={error}
        labels={{
          state: t('work.phone.state'),
          on: t('work.phone.on'),
          off: t('work.phone.off'),
          secret: t('work.phone.token'),
          secretSet: t('work.phone.tokenSet'),
          secretNotSet: t('work.phone.tokenNotSet'),
          memoryOnly: t('work.phone.tokenMemory'),
        }}
        testIds={{ state: 'phone-connector-state', secret: 'phone-token-state', error: 'phone-connector-error' }}
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={() => void save()}
        style={{ maxWidth: 560 }}
        requiredMark={false}
        // A field's error goes as soon as the admin corrects that field.
        onValuesChange={(changed: Values) => form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })))}
      >
        <Form.Item name="url" label={t('work.phone.url')} htmlFor="phone-url">
          <Input id="phone-url" placeholder={t('work.phone.urlPlaceholder')} autoComplete="off" spellCheck={false} data-testid="phone-url" />
        </Form.Item>
        <Form.Item name="seat" label={t('work.phone.seat')} htmlFor="phone-seat">
          <Input id="phone-seat" placeholder={t('work.phone.seatPlaceholder')} autoComplete="off" style={{ maxWidth: 240 }} data-testid="phone-seat" />
        </Form.Item>
        <Form.Item name="token" label={t('work.phone.token')} htmlFor="phone-token">
          <Input.Password id="phone-token" placeholder={info?.tokenSet ? t('work.phone.tokenKeep') : ''} autoComplete="new-password" data-testid="phone-token" />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="phone-save">
            {t('work.phone.save')}
          </Button>
          {info?.configured && (
            <Popconfirm title={t('work.phone.clearConfirm')} onConfirm={() => void clear()} okText={t('work.phone.clear')} cancelText={t('common.cancel')}>
              <Button danger disabled={busy} data-testid="phone-clear">
                {t('work.phone.clear')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('work.phone.help')}
      </Typography.Paragraph>
    </Card>
  );
}
