import { Alert, App, Button, Card, Checkbox, Flex, Form, InputNumber, Space, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleConfigCheckedSchema, DEFAULT_CONSOLE_CONFIG } from '../../shared/desk/schema.js';
import { fieldIssuesFrom, type AppErrorData, type FieldIssue } from '../../shared/result.js';
import { SEVERITIES } from '../../shared/tickets/schema.js';
import { call } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import { configFieldName, fromForm, toForm, type FormValues, type Name } from './configForm.js';
import { CodeList, DateListField, TimeField } from './ConfigFields.js';
import { workIssueText } from './formIssues.js';
import { useLive } from './useLive.js';
import { clearEditedErrors } from '../app/formErrors.js';


type SetFields = FormInstance<FormValues>['setFields'];

function valueAt(values: unknown, name: Name): unknown {
  let cur: unknown = values;
  for (const key of name) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[key] : undefined;
  return cur;
}

/** Each issue under its field, in the words issueText uses (an empty field is 必填, whatever rule it breaks). */
function issueFields(t: TFunction, issues: FieldIssue[], values: FormValues): Parameters<SetFields>[0] {
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    const name = configFieldName(issue.path);
    const key = name.join('.');
    if (!byName.has(key)) byName.set(key, { name, errors: [workIssueText(t, issue, valueAt(values, name))] });
  }
  return [...byName.values()] as Parameters<SetFields>[0];
}

const num = (name: Name, label: string, min: number, max: number, unit: string, testId?: string, extra?: string): React.JSX.Element => (
  <Form.Item name={name} label={label} required extra={extra}>
    <InputNumber min={min} max={max} precision={0} suffix={unit} style={{ width: 160 }} data-testid={testId} />
  </Form.Item>
);

/**
 * The console's numbers (domain.md's defaults): an admin changes them here,
 * every rule is checked before saving and a wrong value is named under its field.
 */
export function ConfigPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const live = useLive('config:get', {}, { kinds: ['config'] });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const hoursOn = Form.useWatch('hoursOn', form);
  const config = live.value;

  useEffect(() => {
    // Another admin's change (sync) replaces the form only while nothing here is being edited.
    if (config && !form.isFieldsTouched()) form.setFieldsValue(toForm(config));
  }, [config, form]);

  const save = async (): Promise<void> => {
    if (saving) return;
    setError(null);
    const candidate = fromForm(form.getFieldsValue(true) as FormValues);
    const parsed = ConsoleConfigCheckedSchema.safeParse(candidate);
    // Clear the old messages first: a fixed field must not keep its error.
    form.setFields(form.getFieldsError().filter((f) => f.errors.length > 0).map((f) => ({ name: f.name, errors: [] })) as unknown as Parameters<SetFields>[0]);
    if (!parsed.success) {
      form.setFields(issueFields(t, fieldIssuesFrom(parsed.error), form.getFieldsValue(true) as FormValues));
      return;
    }
    setSaving(true);
    const result = await call('config:set', parsed.data);
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      if (result.error.fields) form.setFields(issueFields(t, result.error.fields, form.getFieldsValue(true) as FormValues));
      return;
    }
    form.resetFields();
    form.setFieldsValue(toForm(result.value));
    void message.success({ content: <span data-testid="toast-config-saved">{t('work.config.saved')}</span> });
  };

  const min = t('work.config.minutes');
  const hours = t('work.config.hours');
  return (
    <Card size="small" title={t('work.config.title')} data-testid="config-panel">
      {live.error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, live.error) })} />}
      {error && <Alert type="error" showIcon title={errorText(t, error)} style={{ marginBottom: 8 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!config}
        onValuesChange={(changed) => clearEditedErrors(form, changed)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.code === 'KeyS') {
            e.preventDefault();
            void save();
          }
        }}
      >
        <Flex gap={24} wrap="wrap">
          <div className="config-col">
            <Typography.Title level={5}>{t('work.config.slaTitle')}</Typography.Title>
            {num(['sla', 'firstResponseMinutes'], t('work.config.firstResponse'), 1, 7 * 24 * 60, min, 'config-first-response')}
            {SEVERITIES.map((s) => (
              <div key={s}>{num(['sla', 'resolutionMinutes', s], t('work.config.resolution', { severity: t(`severity.${s}`) }), 1, 60 * 24 * 60, min)}</div>
            ))}
            {num(['sla', 'warnBeforeMinutes'], t('work.config.warnBefore'), 1, 24 * 60, min)}
            {num(['fourHourRuleMinutes'], t('work.config.fourHourRule'), 1, 7 * 24 * 60, min)}
          </div>
          <div className="config-col">
            <Typography.Title level={5}>{t('work.config.workTitle')}</Typography.Title>
            {num(['afterCallWorkSeconds'], t('work.config.afterCallWork'), 10, 900, t('work.config.seconds'), 'config-acw')}
            {num(['callbackReleaseMinutes'], t('work.config.callbackRelease'), 1, 7 * 24 * 60, min)}
            {num(['followUpDueHours'], t('work.config.followUpDue'), 1, 24 * 30, hours)}
            {num(['workOrderFeedbackHours'], t('work.config.workOrderFeedback'), 1, 24 * 30, hours)}
          </div>
          <div className="config-col">
            <Typography.Title level={5}>{t('work.config.hoursTitle')}</Typography.Title>
            <Form.Item name="hoursOn" valuePropName="checked" label={t('work.config.hoursOn')} extra={t('work.config.hoursHelp')}>
              <Switch data-testid="config-hours-on" />
            </Form.Item>
            {hoursOn && (
              <>
                <Form.Item name={['sla', 'businessHours', 'days']} label={t('work.config.days')} required>
                  <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`work.config.weekday.d${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`) }))} />
                </Form.Item>
                <Space align="start">
                  <TimeField name={['sla', 'businessHours', 'start']} label={t('work.config.start')} testId="config-hours-start" />
                  <TimeField name={['sla', 'businessHours', 'end']} label={t('work.config.end')} testId="config-hours-end" />
                </Space>
                <DateListField name={['sla', 'businessHours', 'closedDates']} label={t('work.config.closedDates')} testId="config-closed-dates" />
                <DateListField name={['sla', 'businessHours', 'openDates']} label={t('work.config.openDates')} testId="config-open-dates" />
                {num(['sla', 'businessHours', 'utcOffsetMinutes'], t('work.config.utcOffset'), -720, 840, min, undefined, t('work.config.utcOffsetHelp'))}
              </>
            )}
          </div>
          <div className="config-col">
            <CodeList name="notReadyReasons" label={t('work.config.notReadyReasons')} testId="config-reasons" />
          </div>
          <div className="config-col">
            <CodeList name="dispositions" label={t('work.config.dispositions')} testId="config-dispositions" />
          </div>
        </Flex>
        <Flex gap={8}>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="config-save">
            {t('common.save')} <kbd className="btn-kbd">{t('keys.save')}</kbd>
          </Button>
          <Button onClick={() => config && (form.resetFields(), form.setFieldsValue(toForm(config)))}>{t('work.config.revert')}</Button>
          <Button type="text" onClick={() => form.setFieldsValue(toForm(DEFAULT_CONSOLE_CONFIG))}>
            {t('work.config.defaults')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
