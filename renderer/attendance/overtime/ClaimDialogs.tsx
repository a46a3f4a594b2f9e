import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedCompensations } from '../../../shared/attendance/overtime.js';
import type { Compensation } from '../../../shared/attendance/schema.js';
import { call } from '../../api/client.js';
import { errorText } from '../../i18n/messages.js';
import type { ClaimDialog } from './ClaimActions.js';

interface Values {
  minutes?: number;
  compensation?: Compensation;
  reason?: string;
}

/**
 * Approve (minutes may only go down; time off only for rest-day overtime),
 * reject (with a reason) or, for the claim's agent, add a reason. The
 * claim's art. 41 warnings stay in sight while deciding.
 */
export function ClaimDialogs({ dialog, onClose, onDone }: { dialog: ClaimDialog | null; onClose: () => void; onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const claim = dialog?.claim;
  useEffect(() => {
    if (claim) form.setFieldsValue({ minutes: claim.minutes, compensation: 'pay', reason: dialog.kind === 'reason' ? (claim.agentReason ?? '') : '' });
  }, [claim, dialog, form]);

  const submit = async (v: Values): Promise<void> => {
    if (!dialog || !claim) return;
    setSaving(true);
    const result =
      dialog.kind === 'approve'
        ? await call('overtime:approve', { id: claim.id, ...(v.minutes !== undefined ? { minutes: v.minutes } : {}), ...(v.compensation ? { compensation: v.compensation } : {}) })
        : dialog.kind === 'reject'
          ? await call('overtime:reject', { id: claim.id, reason: v.reason ?? '' })
          : await call('overtime:reason', { id: claim.id, reason: v.reason ?? '' });
    setSaving(false);
    if (!result.ok) {
      void message.error(t('attendance.overtime.failed', { error: errorText(t, result.error) }));
      return;
    }
    void message.success(t('attendance.overtime.done'));
    onClose();
    onDone();
  };

  const title = !claim
    ? ''
    : dialog?.kind === 'approve'
      ? t('attendance.overtime.approveTitle', { name: claim.name, date: claim.date })
      : dialog?.kind === 'reject'
        ? t('attendance.overtime.rejectTitle', { name: claim.name, date: claim.date })
        : t('attendance.overtime.reasonTitle', { date: claim.date });
  return (
    <Modal open={dialog !== null} title={title} onCancel={onClose} onOk={() => form.submit()} okText={t('attendance.overtime.ok')} cancelText={t('attendance.overtime.cancel')} confirmLoading={saving} destroyOnHidden data-testid="ot-dialog">
      {claim && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          {claim.agentReason && dialog?.kind !== 'reason' && <Alert type="info" showIcon title={`${t('attendance.overtime.agentReason')}：${claim.agentReason}`} style={{ marginBottom: 12 }} />}
          {dialog?.kind === 'approve' &&
            claim.warnings.map((w) => <Alert key={w.code} type="warning" showIcon title={t(`attendance.overtime.warning.${w.code}`, { h: Math.round((w.minutes / 60) * 10) / 10 })} style={{ marginBottom: 12 }} data-testid="ot-dialog-warning" />)}
          {dialog?.kind === 'approve' && (
            <>
              <Form.Item name="minutes" label={t('attendance.overtime.minutesLabel')} rules={[{ required: true }]}>
                <InputNumber min={1} max={claim.minutes} step={30} precision={0} style={{ width: 160 }} data-testid="ot-minutes" />
              </Form.Item>
              <Form.Item name="compensation" label={t('attendance.overtime.compensationLabel')}>
                <Select<Compensation> style={{ width: 160 }} data-testid="ot-compensation" options={allowedCompensations(claim.kind).map((c) => ({ value: c, label: t(`attendance.overtime.compensation.${c}`) }))} />
              </Form.Item>
            </>
          )}
          {dialog?.kind !== 'approve' && (
            <Form.Item name="reason" label={dialog?.kind === 'reject' ? t('attendance.overtime.rejectReason') : t('attendance.overtime.agentReason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={500} data-testid="ot-reason-text" />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
